/**
 * Reconciliation compares both sides of a link against the field owners: a Zoho edit the cursor
 * missed and a Jira event that was lost are drift, repaired in the owner's direction; sides that
 * agree, unowned mappings, display-only items and the first link's kept Jira value are not.
 */
import { linkDrift } from '../../workflows/core/reconcile';
import type { SyncBaseline } from '../../workflows/core/conflict';
import { jiraSideHash, zohoSideHash } from '../../workflows/core/values/comparable';
import type { FieldOwner, JiraField, ZohoField } from '../../workflows/core/model';
import { issue, record, sci } from './fixtures';

const jf: JiraField = { id: 'summary', name: 'Summary', type: 'string', custom: false };
const zf: ZohoField = { id: 'name', name: 'Task name', type: 'text', custom: false, writable: true };
const hashes = (zoho: string, jira: string): SyncBaseline => ({
  summary: { zohoHash: zohoSideHash(zoho, zf), jiraHash: jiraSideHash(jira, jf) },
});

const item = (mode: 'one_way' | 'two_way' | 'custom' | 'display_only', owner: FieldOwner = 'both') =>
  sci({ mode, mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner }] });

describe('linkDrift', () => {
  it.each([
    // name, item, zoho value, jira value, baseline, expected direction (null = no drift)
    ['sides agree', item('two_way'), 'Same', 'Same', hashes('Same', 'Same'), null],
    ['one-way: a Zoho edit the cursor missed', item('one_way'), 'New', 'Old', hashes('Old', 'Old'), 'zoho_to_jira'],
    ['one-way: Jira edited by hand (Zoho owns)', item('one_way'), 'Old', 'Hand', hashes('Old', 'Old'), 'zoho_to_jira'],
    [
      'custom Jira-owned: a lost Jira event',
      item('custom', 'jira'),
      'Old',
      'New',
      hashes('Old', 'Old'),
      'jira_to_zoho',
    ],
    ['custom Zoho-owned: Zoho changed', item('custom', 'zoho'), 'New', 'Old', hashes('Old', 'Old'), 'zoho_to_jira'],
    ['two-way: only Jira changed (lost event)', item('two_way'), 'Old', 'New', hashes('Old', 'Old'), 'jira_to_zoho'],
    ['two-way: only Zoho changed (missed edit)', item('two_way'), 'New', 'Old', hashes('Old', 'Old'), 'zoho_to_jira'],
    ['two-way: both changed → the planner resolves', item('two_way'), 'Z', 'J', hashes('Old', 'Old'), 'zoho_to_jira'],
    ['two-way: neither changed since the baseline', item('two_way'), 'Z', 'J', hashes('Z', 'J'), null],
    ['display-only never drifts', item('display_only'), 'A', 'B', hashes('A', 'A'), null],
    ['first link kept the Jira value over an empty Zoho field', item('one_way'), '', 'Kept', {}, null],
  ] as const)('%s', (_name, sciItem, zohoValue, jiraValue, baseline, expected) => {
    const out = linkDrift({
      sci: sciItem,
      record: record({ name: zohoValue, fields: { name: zohoValue } }),
      issue: issue({ fields: { summary: jiraValue } }),
      baseline,
      jiraFields: [jf],
      zohoFields: [zf],
    });
    expect(out.drifts.map((d) => d.direction)).toEqual(expected ? [expected] : []);
    expect(out.zohoToJira).toBe(expected === 'zoho_to_jira');
    expect(out.jiraToZohoFields).toEqual(expected === 'jira_to_zoho' ? ['summary'] : []);
  });

  it('a disabled item never drifts', () => {
    const out = linkDrift({
      sci: { ...item('one_way'), enabled: false },
      record: record({ name: 'A', fields: { name: 'A' } }),
      issue: issue({ fields: { summary: 'B' } }),
    });
    expect(out.drifts).toEqual([]);
  });

  it('a Jira-owned field Zoho cannot be written (read-only) is not reported as fixable drift', () => {
    const out = linkDrift({
      sci: item('custom', 'jira'),
      record: record({ name: 'A', fields: { name: 'A' } }),
      issue: issue({ fields: { summary: 'B' } }),
      jiraFields: [jf],
      zohoFields: [{ ...zf, writable: false }],
    });
    expect(out.drifts).toEqual([]);
  });
});
