import { planAutoCreate, type ConditionalSyncRule, type SmartConnectedItem } from '../../workflows/core';
import { record, sci, zohoStatus as Z } from './fixtures';

const NOW = '2026-01-10T12:00:00.000Z';
const rule: ConditionalSyncRule = {
  enabled: true,
  zohoFieldId: 'billing_type',
  operator: 'equals',
  value: 'Billable',
  metJiraStatusId: '5',
  notMetJiraStatusId: '1',
  createIssueWhenNotMet: false,
};
const auto = (extra: Partial<SmartConnectedItem> = {}) =>
  sci({
    autoCreate: true,
    mode: 'one_way',
    mappings: [
      { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
      { jiraFieldId: 'description', zohoFieldId: 'description', owner: 'zoho' },
    ],
    ...extra,
  });
const billable = record({ description: '<p>Details</p>', fields: { billing_type: 'Billable' } });
const nonBillable = record({ fields: { billing_type: 'Non Billable' } });

describe('planAutoCreate: scheduled auto-create of Jira issues', () => {
  it.each<[string, SmartConnectedItem, ReturnType<typeof record>, boolean, object]>([
    ['a new Task of an auto-create item creates an issue', auto(), billable, true, {}],
    ['auto-create off: no issue', auto({ autoCreate: false }), billable, false, {}],
    ['display-only never creates', auto({ mode: 'display_only', mappings: [] }), billable, false, {}],
    ['Milestones are not auto-created', auto({ zohoModule: 'milestones' }), billable, false, {}],
    ['a disabled item creates nothing', auto({ enabled: false }), billable, false, {}],
    ['rule met: created in the met status', auto({ rule }), billable, true, { initialStatusId: '5' }],
    ['rule not met and the checkbox off: skipped until it meets the rule', auto({ rule }), nonBillable, false, {}],
    [
      'rule not met and "Create Jira issue when rule is not met": created in the not-met status',
      auto({ rule: { ...rule, createIssueWhenNotMet: true } }),
      nonBillable,
      true,
      { initialStatusId: '1' },
    ],
    [
      'status sync without a rule: the Zoho status is the initial target',
      auto({ syncStatus: true }),
      record({ status: Z.closed }),
      true,
      { initialStatus: { name: 'Closed', category: 'done' } },
    ],
  ])('%s', (_name, item, rec, create, extra) => {
    const p = planAutoCreate({ sci: item, record: rec, now: NOW });
    expect(p.create).toBe(create);
    expect(p.reason).not.toBe('');
    expect(p).toMatchObject(extra);
  });

  it('the create body has project, issue type, summary and mapped Zoho-owned fields, with receipts', () => {
    const p = planAutoCreate({ sci: auto(), record: billable, now: NOW });
    expect(p.fields).toEqual({
      project: { id: '10000' },
      issuetype: { id: '10001' },
      summary: 'Build ADaaS',
      description: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Details' }] }],
      },
    });
    expect(p.receipts.map((r) => r.field).sort()).toEqual(['description', 'summary']);
    expect(Object.keys(p.newBaseline).sort()).toEqual(['description', 'summary']);
  });

  it('without a summary mapping the Zoho record name becomes the summary', () => {
    const p = planAutoCreate({ sci: auto({ mappings: [] }), record: record({ name: 'Only a name' }), now: NOW });
    expect(p.fields.summary).toBe('Only a name');
  });

  it('a Jira-owned mapping is not sent on create', () => {
    const p = planAutoCreate({
      sci: auto({ mode: 'custom', mappings: [{ jiraFieldId: 'labels', zohoFieldId: 'tags', owner: 'jira' }] }),
      record: record({ fields: { tags: [{ id: '1', name: 'x' }] } }),
      now: NOW,
    });
    expect(p.fields.labels).toBeUndefined();
  });
});
