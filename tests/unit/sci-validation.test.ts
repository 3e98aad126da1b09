import { validateSmartConnectedItem, type SmartConnectedItemInput } from '../../workflows/core';
import { sciInput } from './fixtures';

const rule = (extra: Partial<NonNullable<SmartConnectedItemInput['rule']>> = {}) => ({
  enabled: true,
  zohoFieldId: 'billing_type',
  operator: 'equals' as const,
  value: 'Billable',
  metJiraStatusId: '5',
  createIssueWhenNotMet: false,
  ...extra,
});
const displayOnly = (extra: Partial<SmartConnectedItemInput> = {}) =>
  sciInput({
    mode: 'display_only',
    jiraProjectIds: ['10000', '10001'],
    jiraIssueTypeId: undefined,
    mappings: [],
    displayFields: ['name'],
    ...extra,
  });

describe('Smart Connected Item validation: the modes and behavior matrix', () => {
  it.each<[string, SmartConnectedItemInput]>([
    ['display-only item targeting several Jira projects with display fields', displayOnly()],
    ['display-only item with associations shown', displayOnly({ showAssociations: true })],
    ['display-only Milestones item', displayOnly({ zohoModule: 'milestones' })],
    ['display-only Timesheets item', displayOnly({ zohoModule: 'timesheets' })],
    ['one-way item with one project, an issue type and mappings', sciInput({ mode: 'one_way' })],
    ['two-way status-only item without mappings', sciInput({ mappings: [], syncStatus: true })],
    ['comment-only synchronized item', sciInput({ mappings: [], syncComments: true })],
    ['attachment-only synchronized item', sciInput({ mappings: [], syncAttachments: true })],
    [
      'custom item with an owner per mapping',
      sciInput({
        mode: 'custom',
        mappings: [
          { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
          { jiraFieldId: 'priority', zohoFieldId: 'priority', owner: 'jira' },
          { jiraFieldId: 'labels', zohoFieldId: 'tags', owner: 'both' },
        ],
      }),
    ],
    [
      'one-way mapping whose owner equals the derived owner',
      sciInput({ mode: 'one_way', mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }] }),
    ],
    ['auto-create on Issues', sciInput({ zohoModule: 'issues', autoCreate: true })],
    ['rule with is empty and no value', sciInput({ rule: rule({ operator: 'is_empty', value: undefined }) })],
    [
      'rule creating issues when not met, with auto-create and a not-met status',
      sciInput({ autoCreate: true, rule: rule({ createIssueWhenNotMet: true, notMetJiraStatusId: '1' }) }),
    ],
    ['rule without a not-met status (optional when not creating)', sciInput({ rule: rule() })],
  ])('accepts %s', (_name, input) => {
    const result = validateSmartConnectedItem(input);
    expect(result).toMatchObject({ ok: true });
  });

  it.each<[string, SmartConnectedItemInput | Record<string, unknown>, string, string]>([
    ['display-only needs at least one display field', displayOnly({ displayFields: [] }), 'displayFields', 'required'],
    ['display-only takes no issue type', displayOnly({ jiraIssueTypeId: '10001' }), 'jiraIssueTypeId', 'not_allowed'],
    [
      'display-only takes no mappings',
      displayOnly({ mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }] }),
      'mappings',
      'not_allowed',
    ],
    ['display-only never auto-creates', displayOnly({ autoCreate: true }), 'autoCreate', 'not_allowed'],
    ['display-only has no status sync', displayOnly({ syncStatus: true }), 'syncStatus', 'not_allowed'],
    ['display-only has no comments sync', displayOnly({ syncComments: true }), 'syncComments', 'not_allowed'],
    [
      'display-only has no attachment sync (synchronized-item scoped)',
      displayOnly({ syncAttachments: true }),
      'syncAttachments',
      'not_allowed',
    ],
    ['display-only has no Conditional Sync Rule', displayOnly({ rule: rule() }), 'rule', 'not_allowed'],
    ['any item needs at least one Jira project', displayOnly({ jiraProjectIds: [] }), 'jiraProjectIds', 'required'],
    ['name must not be blank', sciInput({ name: '  ' }), 'name', 'required'],
    [
      'synchronized item targets exactly one Jira project',
      sciInput({ jiraProjectIds: ['10000', '10002'] }),
      'jiraProjectIds',
      'exactly_one',
    ],
    [
      'synchronized item requires an issue type',
      sciInput({ jiraIssueTypeId: undefined }),
      'jiraIssueTypeId',
      'required',
    ],
    [
      'custom mode requires an owner per mapping',
      sciInput({
        mode: 'custom',
        mappings: [
          { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
          { jiraFieldId: 'labels', zohoFieldId: 'tags' },
        ],
      }),
      'mappings.1.owner',
      'required',
    ],
    [
      'one-way mapping cannot be owned by Jira',
      sciInput({ mode: 'one_way', mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'jira' }] }),
      'mappings.0.owner',
      'owner_not_allowed_in_mode',
    ],
    [
      'two-way mapping cannot be owned by Zoho only',
      sciInput({ mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }] }),
      'mappings.0.owner',
      'owner_not_allowed_in_mode',
    ],
    [
      'a Jira field is mapped only once',
      sciInput({
        mappings: [
          { jiraFieldId: 'summary', zohoFieldId: 'name' },
          { jiraFieldId: 'description', zohoFieldId: 'description' },
          { jiraFieldId: 'summary', zohoFieldId: 'description' },
        ],
      }),
      'mappings.2.jiraFieldId',
      'duplicate',
    ],
    [
      'two Jira fields cannot write one Zoho field',
      sciInput({
        mappings: [
          { jiraFieldId: 'summary', zohoFieldId: 'name' },
          { jiraFieldId: 'customfield_1', zohoFieldId: 'name' },
        ],
      }),
      'mappings.1.zohoFieldId',
      'duplicate',
    ],
    [
      'status is not a field mapping',
      sciInput({ mappings: [{ jiraFieldId: 'status', zohoFieldId: 'status' }] }),
      'mappings.0.jiraFieldId',
      'use_status_sync',
    ],
    ['Milestones cannot be synchronized', sciInput({ zohoModule: 'milestones' }), 'zohoModule', 'module_display_only'],
    ['Timesheets cannot be synchronized', sciInput({ zohoModule: 'timesheets' }), 'zohoModule', 'module_display_only'],
    [
      'auto-create only for Tasks and Issues',
      sciInput({ zohoModule: 'milestones', autoCreate: true }),
      'autoCreate',
      'not_supported_for_module',
    ],
    [
      'status sync only for Tasks and Issues',
      sciInput({ zohoModule: 'timesheets', syncStatus: true }),
      'syncStatus',
      'not_supported_for_module',
    ],
    [
      'comments sync only for Tasks and Issues',
      sciInput({ zohoModule: 'milestones', syncComments: true }),
      'syncComments',
      'not_supported_for_module',
    ],
    ['rule "equals" needs a value', sciInput({ rule: rule({ value: '' }) }), 'rule.value', 'required'],
    [
      'rule "not equals" needs a value',
      sciInput({ rule: rule({ operator: 'not_equals', value: undefined }) }),
      'rule.value',
      'required',
    ],
    [
      'rule needs a met status',
      sciInput({ rule: { ...rule(), metJiraStatusId: undefined } as never }),
      'rule.metJiraStatusId',
      'required',
    ],
    [
      'rule creating issues when not met needs the not-met status',
      sciInput({ autoCreate: true, rule: rule({ createIssueWhenNotMet: true }) }),
      'rule.notMetJiraStatusId',
      'required',
    ],
    [
      'create-when-not-met only with auto-create',
      sciInput({ autoCreate: false, rule: rule({ createIssueWhenNotMet: true, notMetJiraStatusId: '1' }) }),
      'rule.createIssueWhenNotMet',
      'requires_auto_create',
    ],
    [
      'rule operator must be a known one',
      sciInput({ rule: rule({ operator: 'contains' as never }) }),
      'rule.operator',
      'invalid',
    ],
    ['name is required', { ...sciInput(), name: undefined }, 'name', 'required'],
  ])('refuses: %s', (_name, input, field, code) => {
    const result = validateSmartConnectedItem(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.objectContaining({ field, code }));
    for (const e of result.errors) expect(e.message).toMatch(/^[A-Z].+\.$|: /);
  });

  it('resolves owners from the mode and drops a stale value of an "is empty" rule', () => {
    const result = validateSmartConnectedItem(
      sciInput({ mode: 'one_way', rule: rule({ operator: 'is_empty', value: 'stale' }) }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        mappings: [{ jiraFieldId: 'summary', owner: 'zoho' }],
        rule: { operator: 'is_empty', value: undefined },
      },
    });
  });

  it('two-way mappings are owned by both sides; custom keeps the chosen owner', () => {
    const two = validateSmartConnectedItem(sciInput());
    const custom = validateSmartConnectedItem(
      sciInput({ mode: 'custom', mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'jira' }] }),
    );
    expect(two.ok && two.value.mappings[0].owner).toBe('both');
    expect(custom.ok && custom.value.mappings[0].owner).toBe('jira');
  });

  it('a disabled rule on a display-only item is dropped, not refused', () => {
    const result = validateSmartConnectedItem(displayOnly({ rule: rule({ enabled: false }) }));
    expect(result).toMatchObject({ ok: true, value: { rule: null } });
  });
});
