import { evaluateRule, ruleDecision, type ConditionalSyncRule, type ZohoField } from '../../workflows/core';
import { record } from './fixtures';

const rule = (extra: Partial<ConditionalSyncRule> = {}): ConditionalSyncRule => ({
  enabled: true,
  zohoFieldId: 'billing_type',
  operator: 'equals',
  value: 'Billable',
  metJiraStatusId: '5',
  notMetJiraStatusId: '1',
  createIssueWhenNotMet: false,
  ...extra,
});
const billingField: ZohoField = {
  id: 'billing_type',
  name: 'Billing Type',
  type: 'picklist',
  custom: false,
  writable: true,
  options: [
    { id: '901', value: 'Billable' },
    { id: '902', value: 'Non Billable' },
  ],
};

describe('Conditional Sync Rule evaluation', () => {
  it.each<[string, Partial<ConditionalSyncRule>, unknown, 'met' | 'not_met']>([
    ['equals compares case-insensitively', {}, 'billable', 'met'],
    ['equals against a picklist object display value', {}, { id: '901', value: 'Billable' }, 'met'],
    ['equals with the option id as rule value', { value: '901' }, 'Billable', 'met'],
    ['equals not met by another value', {}, 'Non Billable', 'not_met'],
    ['equals on a multi-value field matches any value', {}, ['Other', 'BILLABLE'], 'met'],
    ['not equals met by another value', { operator: 'not_equals' }, 'Non Billable', 'met'],
    ['not equals met by an empty field', { operator: 'not_equals' }, undefined, 'met'],
    ['not equals not met by the same value', { operator: 'not_equals' }, 'BILLABLE', 'not_met'],
    ['is empty: null', { operator: 'is_empty', value: undefined }, null, 'met'],
    ['is empty: empty string', { operator: 'is_empty', value: undefined }, '  ', 'met'],
    ['is empty: empty array', { operator: 'is_empty', value: undefined }, [], 'met'],
    ['is empty: missing field', { operator: 'is_empty', value: undefined }, undefined, 'met'],
    ['is empty: a value', { operator: 'is_empty', value: undefined }, 'x', 'not_met'],
    ['is not empty: a value', { operator: 'is_not_empty', value: undefined }, 'x', 'met'],
    ['is not empty: missing', { operator: 'is_not_empty', value: undefined }, undefined, 'not_met'],
  ])('%s', (_name, extra, value, expected) => {
    const rec = record({ fields: value === undefined ? {} : { billing_type: value } });
    expect(evaluateRule(rule(extra), rec, [billingField])).toBe(expected);
  });

  it('evaluates standard fields such as status by name', () => {
    expect(evaluateRule(rule({ zohoFieldId: 'status', value: 'open' }), record())).toBe('met');
  });
});

describe('Conditional Sync Rule decision', () => {
  const met = record({ fields: { billing_type: 'Billable' } });
  const notMet = record({ fields: { billing_type: 'Non Billable' } });
  it.each([
    [
      'met → the met status, auto-create allowed',
      rule(),
      met,
      { outcome: 'met', targetJiraStatusId: '5', autoCreateAllowed: true },
    ],
    [
      'not met → the not-met status; records are skipped by auto-create while the checkbox is off',
      rule(),
      notMet,
      { outcome: 'not_met', targetJiraStatusId: '1', autoCreateAllowed: false },
    ],
    [
      'not met with "Create Jira issue when rule is not met" → created in the not-met status',
      rule({ createIssueWhenNotMet: true }),
      notMet,
      { outcome: 'not_met', targetJiraStatusId: '1', autoCreateAllowed: true },
    ],
    [
      'not met without a not-met status → no status change',
      rule({ notMetJiraStatusId: undefined }),
      notMet,
      { outcome: 'not_met', targetJiraStatusId: null, autoCreateAllowed: false },
    ],
    [
      'no rule → nothing to set, auto-create allowed',
      null,
      notMet,
      { outcome: 'no_rule', targetJiraStatusId: null, autoCreateAllowed: true },
    ],
    [
      'a disabled rule counts as no rule',
      rule({ enabled: false }),
      notMet,
      { outcome: 'no_rule', targetJiraStatusId: null, autoCreateAllowed: true },
    ],
  ] as const)('%s', (_name, r, rec, expected) => {
    expect(ruleDecision(r, rec)).toMatchObject(expected);
  });
});
