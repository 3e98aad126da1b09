import {
  jiraSideHash,
  planJiraToZoho,
  statusHash,
  zohoSideHash,
  type JiraField,
  type JiraStatus,
  type SmartConnectedItem,
  type SyncBaseline,
  type WriteReceipt,
  type ZohoField,
  type ZohoRecord,
} from '../../workflows/core';
import { issue, jiraStatus as J, record, sci, zohoStatus as Z } from './fixtures';

const NOW = '2026-01-10T12:00:00.000Z';
const jiraFields: JiraField[] = [
  { id: 'summary', name: 'Summary', type: 'string', custom: false },
  { id: 'priority', name: 'Priority', type: 'priority', custom: false },
];
const zohoFields: ZohoField[] = [
  { id: 'name', name: 'Task name', type: 'text', custom: false, writable: true },
  { id: 'priority', name: 'Priority', type: 'priority', custom: false, writable: true },
];
const zohoStatuses = [Z.open, Z.inProgress, Z.testing, Z.closed];
const twoWay = sci({
  mappings: [
    { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'both' },
    { jiraFieldId: 'priority', zohoFieldId: 'priority', owner: 'both' },
  ],
});
const plan = (
  item: SmartConnectedItem,
  opts: {
    changed?: string[];
    fields?: Record<string, unknown>;
    rec?: ZohoRecord;
    baseline?: SyncBaseline;
    receipts?: WriteReceipt[];
    status?: JiraStatus;
    updated?: string;
  } = {},
) =>
  planJiraToZoho({
    sci: item,
    issue: issue({
      fields: opts.fields ?? {},
      status: opts.status ?? J.todo,
      updated: opts.updated ?? '2026-01-10T11:00:00.000+0000',
    }),
    changedFieldIds: opts.changed,
    record: opts.rec,
    baseline: opts.baseline,
    receipts: opts.receipts,
    jiraFields,
    zohoFields,
    zohoStatuses,
    now: NOW,
  });

describe('planJiraToZoho: event-driven Jira → Zoho', () => {
  it('display-only plans nothing', () => {
    const p = plan(sci({ mode: 'display_only', mappings: [], syncStatus: true }), {
      changed: ['summary', 'status'],
      fields: { summary: 'x' },
    });
    expect(p.patch).toBeUndefined();
    expect(p.skipped).toEqual([expect.objectContaining({ code: 'display_only' })]);
  });

  it('one-way never writes mapped fields to Zoho', () => {
    const item = sci({ mode: 'one_way', mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }] });
    expect(plan(item, { changed: ['summary'], fields: { summary: 'Jira edit' } }).patch).toBeUndefined();
  });

  it('one-way still pushes status when status sync is on (both directions per the matrix)', () => {
    const item = sci({
      mode: 'one_way',
      syncStatus: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    const p = plan(item, { changed: ['status'], status: J.done, rec: record({ status: Z.open }) });
    expect(p.patch).toEqual({ status: { id: Z.closed.id } });
    expect(p.status).toMatchObject({ kind: 'set', status: Z.closed, match: 'type' });
    expect(p.receipts).toContainEqual(
      expect.objectContaining({ field: '@status', direction: 'jira_to_zoho', valueHash: statusHash(Z.closed.id) }),
    );
  });

  it('two-way: a Jira-edited field reaches Zoho, only the changed fields', () => {
    const p = plan(twoWay, { changed: ['summary'], fields: { summary: 'Jira edit', priority: { name: 'High' } } });
    expect(p.patch).toEqual({ name: 'Jira edit' });
    expect(p.receipts).toEqual([
      {
        field: 'summary',
        direction: 'jira_to_zoho',
        valueHash: zohoSideHash('Jira edit', zohoFields[0]),
        writtenAt: NOW,
      },
    ]);
  });

  it('two-way: several changed fields make one PATCH body', () => {
    const p = plan(twoWay, {
      changed: ['summary', 'priority'],
      fields: { summary: 'S', priority: { id: '1', name: 'Highest' } },
    });
    expect(p.patch).toEqual({ name: 'S', priority: 'high' });
  });

  it('two-way: a Jira value the connector wrote from Zoho does not echo back', () => {
    const receipts: WriteReceipt[] = [
      { field: 'summary', direction: 'zoho_to_jira', valueHash: jiraSideHash('From Zoho', jiraFields[0]) },
    ];
    const p = plan(twoWay, { changed: ['summary'], fields: { summary: 'From Zoho' }, receipts });
    expect(p.patch).toBeUndefined();
    expect(p.skipped).toContainEqual(expect.objectContaining({ field: 'summary', code: 'echo' }));
  });

  it('custom: only Jira-owned and both-owned mappings are written to Zoho', () => {
    const item = sci({
      mode: 'custom',
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
        { jiraFieldId: 'priority', zohoFieldId: 'priority', owner: 'jira' },
      ],
    });
    const p = plan(item, { fields: { summary: 'ignored', priority: { name: 'Low' } } });
    expect(p.patch).toEqual({ priority: 'low' });
  });

  it('no write when Zoho already holds the value', () => {
    expect(
      plan(twoWay, { changed: ['summary'], fields: { summary: 'Same' }, rec: record({ name: 'Same' }) }).patch,
    ).toBeUndefined();
  });

  it('two-way conflict: Zoho changed last, so the Jira value is not written and the conflict is recorded', () => {
    const baseline = {
      summary: { zohoHash: zohoSideHash('Old', zohoFields[0]), jiraHash: jiraSideHash('Old', jiraFields[0]) },
    };
    const p = plan(twoWay, {
      changed: ['summary'],
      fields: { summary: 'Jira edit' },
      baseline,
      updated: '2026-01-10T10:00:00.000+0000',
      rec: record({ name: 'Zoho edit', modifiedAt: '2026-01-10T10:30:00.000Z' }),
    });
    expect(p.patch).toBeUndefined();
    expect(p.conflicts).toEqual([
      expect.objectContaining({ field: 'summary', winner: 'zoho', zohoValue: 'Zoho edit', jiraValue: 'Jira edit' }),
    ]);
  });

  it('status sync: exact Zoho status name wins over the type match', () => {
    const p = plan(sci({ syncStatus: true, mappings: [] }), {
      changed: ['status'],
      status: J.inProgress,
      rec: record({ status: Z.open }),
    });
    expect(p.patch).toEqual({ status: { id: Z.inProgress.id } });
  });

  it('status sync: a status the connector set from Zoho does not echo back', () => {
    const receipts: WriteReceipt[] = [
      { field: '@status', direction: 'zoho_to_jira', valueHash: statusHash(J.done.id) },
    ];
    const p = plan(sci({ syncStatus: true, mappings: [] }), { changed: ['status'], status: J.done, receipts });
    expect(p.patch).toBeUndefined();
    expect(p.skipped).toContainEqual(expect.objectContaining({ code: 'echo' }));
  });

  it('status sync: a Conditional Sync Rule governs status, so Jira status is not pushed to Zoho', () => {
    const rule = {
      enabled: true,
      zohoFieldId: 'f',
      operator: 'is_empty' as const,
      metJiraStatusId: '5',
      createIssueWhenNotMet: false,
    };
    const p = plan(sci({ syncStatus: true, mappings: [], rule }), { changed: ['status'], status: J.done });
    expect(p.patch).toBeUndefined();
    expect(p.skipped).toContainEqual(expect.objectContaining({ code: 'status_governed_by_rule' }));
  });

  it('status sync off: a transition changes nothing in Zoho', () => {
    expect(plan(sci({ mappings: [] }), { changed: ['status'], status: J.done }).patch).toBeUndefined();
  });
});

describe('read-only Zoho fields (tags have their own API)', () => {
  it('a two-way labels ↔ tags mapping never writes tags to Zoho and reports the value on the record', () => {
    const item = sci({ mappings: [{ jiraFieldId: 'labels', zohoFieldId: 'tags', owner: 'both' }] });
    const p = planJiraToZoho({
      sci: item,
      issue: issue({ fields: { labels: ['urgent'] }, status: J.todo, updated: '2026-01-10T11:00:00.000+0000' }),
      changedFieldIds: ['labels'],
      record: record({ fields: { tags: [] } }),
      jiraFields: [{ id: 'labels', name: 'Labels', type: 'labels', custom: false }],
      zohoFields: [{ id: 'tags', name: 'Tags', type: 'tags', custom: false, writable: false }],
      zohoStatuses,
      now: NOW,
    });
    expect(p.patch).toBeUndefined();
    expect(p.skipped).toEqual([
      {
        field: 'labels',
        code: 'conversion_failed',
        reason: 'the Zoho field "Tags" is read-only for the connector; Zoho was left unchanged',
      },
    ]);
  });
});
