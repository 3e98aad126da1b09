import {
  jiraSideHash,
  planZohoToJira,
  statusHash,
  zohoSideHash,
  type ConditionalSyncRule,
  type JiraField,
  type SmartConnectedItem,
  type SyncBaseline,
  type WriteReceipt,
  type ZohoField,
} from '../../workflows/core';
import { issue, jiraStatus as J, record, sci, transition, zohoStatus as Z } from './fixtures';

const NOW = '2026-01-10T12:00:00.000Z';
const jiraFields: JiraField[] = [
  { id: 'summary', name: 'Summary', type: 'string', custom: false },
  { id: 'description', name: 'Description', type: 'adf', custom: false },
  { id: 'labels', name: 'Labels', type: 'labels', custom: false },
];
const zohoFields: ZohoField[] = [
  { id: 'name', name: 'Task name', type: 'text', custom: false, writable: true },
  { id: 'description', name: 'Description', type: 'html', custom: false, writable: true },
  { id: 'tags', name: 'Tags', type: 'tags', custom: false, writable: true },
];
const twoWay = sci({
  mappings: [
    { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'both' },
    { jiraFieldId: 'description', zohoFieldId: 'description', owner: 'both' },
  ],
});
const zHash = (v: unknown, id = 'name') =>
  zohoSideHash(
    v,
    zohoFields.find((f) => f.id === id)!,
  );
const jHash = (v: unknown, id = 'summary') =>
  jiraSideHash(
    v,
    jiraFields.find((f) => f.id === id)!,
  );
const descDoc = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Same' }] }],
};
const plan = (
  item: SmartConnectedItem,
  rec = record(),
  iss = issue(),
  baseline: SyncBaseline = {},
  receipts: WriteReceipt[] = [],
  extra = {},
) =>
  planZohoToJira({
    sci: item,
    record: rec,
    issue: iss,
    baseline,
    receipts,
    jiraFields,
    zohoFields,
    now: NOW,
    ...extra,
  });

describe('planZohoToJira: scheduled Zoho → Jira field sync', () => {
  it('display-only plans nothing', () => {
    const p = plan(
      sci({ mode: 'display_only', mappings: [] }),
      record({ name: 'New' }),
      issue({ fields: { summary: 'Old' } }),
    );
    expect(p.edit).toBeUndefined();
    expect(p.status).toBeUndefined();
    expect(p.receipts).toEqual([]);
    expect(p.skipped).toEqual([expect.objectContaining({ code: 'display_only' })]);
  });

  it('a disabled item plans nothing', () => {
    expect(plan(sci({ enabled: false }), record({ name: 'New' })).skipped).toEqual([
      expect.objectContaining({ code: 'disabled' }),
    ]);
  });

  it('one-way: a changed Zoho field becomes one edit with only the changed fields, plus receipts and baseline', () => {
    const p = plan(
      sci({ mode: 'one_way', mappings: twoWay.mappings.map((m) => ({ ...m, owner: 'zoho' as const })) }),
      record({ name: 'Renamed', description: '<p>Same</p>' }),
      issue({ fields: { summary: 'Build ADaaS', description: descDoc } }),
    );
    expect(p.edit).toEqual({ fields: { summary: 'Renamed' } });
    expect(p.receipts).toEqual([
      { field: 'summary', direction: 'zoho_to_jira', valueHash: jHash('Renamed'), writtenAt: NOW },
    ]);
    expect(p.newBaseline.summary).toEqual({ zohoHash: zHash('Renamed'), jiraHash: jHash('Renamed') });
    expect(p.newBaseline.description).toBeDefined();
  });

  it('several changed fields are written in ONE edit', () => {
    const p = plan(
      twoWay,
      record({ name: 'A', description: '<p>B</p>' }),
      issue({ fields: { summary: 'x', description: null } }),
    );
    expect(Object.keys(p.edit!.fields).sort()).toEqual(['description', 'summary']);
  });

  it('nothing to write when Jira already holds the value', () => {
    const p = plan(twoWay, record({ name: 'Same' }), issue({ fields: { summary: 'Same' } }));
    expect(p.edit).toBeUndefined();
    expect(p.newBaseline.summary).toEqual({ zohoHash: zHash('Same'), jiraHash: jHash('Same') });
  });

  it('two-way: a Zoho value the connector wrote from Jira is not sent back (echo)', () => {
    const receipts: WriteReceipt[] = [{ field: 'summary', direction: 'jira_to_zoho', valueHash: zHash('From Jira') }];
    const p = plan(
      twoWay,
      record({ name: 'From Jira' }),
      issue({ fields: { summary: 'Newer in Jira' } }),
      {},
      receipts,
    );
    expect(p.edit).toBeUndefined();
    expect(p.skipped).toContainEqual(expect.objectContaining({ field: 'summary', code: 'echo' }));
  });

  it('two-way: when only Jira changed since the last sync, Zoho does not overwrite it', () => {
    const baseline = { summary: { zohoHash: zHash('Old'), jiraHash: jHash('Old') } };
    const p = plan(twoWay, record({ name: 'Old' }), issue({ fields: { summary: 'Edited in Jira' } }), baseline);
    expect(p.edit).toBeUndefined();
    expect(p.skipped).toContainEqual(expect.objectContaining({ field: 'summary', code: 'jira_changed_later' }));
  });

  it('one-way: Zoho owns the field, so a Jira edit is overwritten with the Zoho value', () => {
    const baseline = { summary: { zohoHash: zHash('Old'), jiraHash: jHash('Old') } };
    const p = plan(
      sci({ mode: 'one_way', mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }] }),
      record({ name: 'Old' }),
      issue({ fields: { summary: 'Edited in Jira' } }),
      baseline,
    );
    expect(p.edit).toEqual({ fields: { summary: 'Old' } });
  });

  it.each([
    [
      'Zoho changed last: Zoho wins and the conflict is recorded',
      '2026-01-10T11:00:00.000Z',
      '2026-01-10T10:00:00.000+0000',
      'zoho',
    ],
    [
      'Jira changed last: Jira wins, its value goes back to Zoho and the conflict is recorded',
      '2026-01-10T10:00:00.000Z',
      '2026-01-10T11:00:00.000+0000',
      'jira',
    ],
  ] as const)('two-way conflict: %s', (_name, zohoAt, jiraAt, winner) => {
    const baseline = { summary: { zohoHash: zHash('Old'), jiraHash: jHash('Old') } };
    const p = plan(
      twoWay,
      record({ name: 'Zoho edit', modifiedAt: zohoAt }),
      issue({ fields: { summary: 'Jira edit' }, updated: jiraAt }),
      baseline,
    );
    expect(p.conflicts).toEqual([
      {
        field: 'summary',
        zohoValue: 'Zoho edit',
        jiraValue: 'Jira edit',
        winner,
        zohoModifiedAt: zohoAt,
        jiraUpdatedAt: jiraAt,
      },
    ]);
    if (winner === 'zoho') {
      expect(p.edit).toEqual({ fields: { summary: 'Zoho edit' } });
    } else {
      expect(p.edit).toBeUndefined();
      expect(p.zohoPatch).toEqual({ name: 'Jira edit' });
      expect(p.receipts).toContainEqual(expect.objectContaining({ field: 'summary', direction: 'jira_to_zoho' }));
    }
  });

  it('custom: a Jira-owned mapping is never written to Jira', () => {
    const item = sci({
      mode: 'custom',
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
        { jiraFieldId: 'labels', zohoFieldId: 'tags', owner: 'jira' },
      ],
    });
    const p = plan(
      item,
      record({ name: 'New', fields: { tags: [{ id: '1', name: 'zoho tag' }] } }),
      issue({ fields: { summary: 'x', labels: [] } }),
    );
    expect(p.edit).toEqual({ fields: { summary: 'New' } });
  });

  it('a value that cannot be converted is skipped with a reason; other fields still sync', () => {
    const p = plan(twoWay, record({ name: '', description: '<p>Body</p>' }), issue({ fields: { summary: 'x' } }));
    expect(p.skipped).toContainEqual(expect.objectContaining({ field: 'summary', code: 'conversion_failed' }));
    expect(Object.keys(p.edit!.fields)).toEqual(['description']);
  });

  it('comments and attachments mirroring follow their own switches', () => {
    expect(plan(sci({ syncComments: true }), record()).mirror).toEqual({ comments: true, attachments: false });
  });
});

describe('planZohoToJira: status sync and Conditional Sync Rules', () => {
  const withStatus = sci({ syncStatus: true, mappings: [] });
  const transitions = [transition(J.inProgress), transition(J.done)];

  it('a changed Zoho status targets the closest safe Jira status through an offered transition', () => {
    const baseline = { '@status': { zohoHash: statusHash(Z.open.id), jiraHash: statusHash(J.todo.id) } };
    const p = plan(withStatus, record({ status: Z.testing }), issue(), baseline, [], { transitions });
    expect(p.status).toMatchObject({
      source: 'status_sync',
      target: { name: 'To be Tested', category: 'indeterminate' },
      choice: { kind: 'transition', transitionId: 't3', match: 'category' },
    });
    expect(p.receipts).toContainEqual(
      expect.objectContaining({ field: '@status', valueHash: statusHash(J.inProgress.id) }),
    );
  });

  it('reports when Jira offers no safe transition', () => {
    const baseline = { '@status': { zohoHash: statusHash(Z.open.id), jiraHash: statusHash(J.todo.id) } };
    const p = plan(withStatus, record({ status: Z.closed }), issue(), baseline, [], {
      transitions: [transition(J.inProgress)],
    });
    expect(p.skipped).toContainEqual(expect.objectContaining({ field: '@status', code: 'no_safe_transition' }));
  });

  it('an unchanged Zoho status plans no status move (a Jira-side move is left alone)', () => {
    const baseline = { '@status': { zohoHash: statusHash(Z.open.id), jiraHash: statusHash(J.todo.id) } };
    expect(
      plan(withStatus, record({ status: Z.open }), issue({ status: J.inProgress }), baseline).status,
    ).toBeUndefined();
  });

  it('status sync off: no status plan', () => {
    expect(plan(sci({ mappings: [] }), record({ status: Z.closed })).status).toBeUndefined();
  });

  const rule: ConditionalSyncRule = {
    enabled: true,
    zohoFieldId: 'billing_type',
    operator: 'equals',
    value: 'Billable',
    metJiraStatusId: '5',
    metJiraStatusName: 'Done',
    notMetJiraStatusId: '1',
    createIssueWhenNotMet: false,
  };

  it('Conditional Sync Rules take precedence over generic status sync', () => {
    const p = plan(
      sci({ syncStatus: true, rule, mappings: [] }),
      record({ status: Z.inProgress, fields: { billing_type: 'Billable' } }),
      issue(),
      {},
      [],
      { transitions },
    );
    expect(p.status).toMatchObject({
      source: 'rule',
      target: { statusId: '5' },
      choice: { kind: 'transition', transitionId: 't5' },
    });
  });

  it('a rule that is not met moves the linked issue to the not-met status', () => {
    const p = plan(
      sci({ rule, mappings: [] }),
      record({ fields: { billing_type: 'None' } }),
      issue({ status: J.done }),
    );
    expect(p.status).toMatchObject({ source: 'rule', target: { statusId: '1' } });
  });
});
