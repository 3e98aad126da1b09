import { configFingerprint, type SmartConnectedItemInput } from '../../workflows/core';
import { sciInput } from './fixtures';

const rule = {
  enabled: true,
  zohoFieldId: 'billing_type',
  operator: 'equals' as const,
  value: 'Billable',
  metJiraStatusId: '5',
  createIssueWhenNotMet: false,
};
const base = sciInput({
  rule,
  mappings: [
    { jiraFieldId: 'summary', zohoFieldId: 'name' },
    { jiraFieldId: 'labels', zohoFieldId: 'tags' },
  ],
});

describe('config fingerprint (sync cursor resets when it changes)', () => {
  it('is stable over key order and mapping order', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as SmartConnectedItemInput;
    expect(configFingerprint(reordered)).toBe(configFingerprint(base));
    expect(configFingerprint({ ...base, mappings: [...base.mappings].reverse() })).toBe(configFingerprint(base));
  });

  it.each<[string, Partial<SmartConnectedItemInput>]>([
    ['mode', { mode: 'one_way' }],
    ['Zoho portal', { zohoPortalId: '999' }],
    ['Zoho project', { zohoProjectId: '999' }],
    ['Zoho module', { zohoModule: 'issues' }],
    ['Jira project', { jiraProjectIds: ['10099'] }],
    ['issue type', { jiraIssueTypeId: '10099' }],
    ['a mapping', { mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'description' }] }],
    [
      'a custom owner',
      {
        mode: 'custom',
        mappings: [
          { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'jira' },
          { jiraFieldId: 'labels', zohoFieldId: 'tags', owner: 'jira' },
        ],
      },
    ],
    ['auto-create', { autoCreate: true }],
    ['status sync', { syncStatus: true }],
    ['comments sync', { syncComments: true }],
    ['attachments sync', { syncAttachments: true }],
    ['the rule value', { rule: { ...rule, value: 'Non Billable' } }],
    ['the rule met status', { rule: { ...rule, metJiraStatusId: '3' } }],
    ['removing the rule', { rule: null }],
  ])('changes when %s changes', (_name, change) => {
    expect(configFingerprint({ ...base, ...change })).not.toBe(configFingerprint(base));
  });

  it.each<[string, Partial<SmartConnectedItemInput>]>([
    ['the name', { name: 'Renamed' }],
    [
      'display names of fields',
      {
        mappings: [
          { jiraFieldId: 'summary', zohoFieldId: 'name', jiraFieldName: 'Summary' },
          { jiraFieldId: 'labels', zohoFieldId: 'tags' },
        ],
      },
    ],
    ['association display', { showAssociations: true }],
    ['rule value letter case', { rule: { ...rule, value: 'BILLABLE' } }],
  ])('does not change when only %s changes', (_name, change) => {
    expect(configFingerprint({ ...base, ...change })).toBe(configFingerprint(base));
  });
});
