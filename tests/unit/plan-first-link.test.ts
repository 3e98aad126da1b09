/** The first sync of a new link (no baseline yet) never overwrites a value with an empty one. */
import {
  jiraSideHash,
  planZohoToJira,
  previewFirstLink,
  zohoSideHash,
  type FieldOwner,
  type JiraField,
  type ZohoField,
} from '../../workflows/core';
import { issue, record, sci } from './fixtures';

const NOW = '2026-01-10T12:00:00.000Z';
const jiraFields: JiraField[] = [
  { id: 'summary', name: 'Summary', type: 'string', custom: false },
  { id: 'description', name: 'Description', type: 'adf', custom: false },
];
const zohoFields: ZohoField[] = [
  { id: 'name', name: 'Task name', type: 'text', custom: false, writable: true },
  { id: 'description', name: 'Description', type: 'html', custom: false, writable: true },
];
const jiraDescription = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Written in Jira' }] }],
};
const mappings = (owner: FieldOwner) => [
  { jiraFieldId: 'summary', zohoFieldId: 'name', owner },
  { jiraFieldId: 'description', zohoFieldId: 'description', owner },
];
const mode = (owner: FieldOwner) => (owner === 'both' ? 'two_way' : 'one_way');
// Zoho modified after Jira: under last-writer-wins Zoho would win every two-way field.
const zohoLater = { modifiedAt: '2026-01-10T11:00:00.000Z' };
const jiraEarlier = { updated: '2026-01-10T09:00:00.000+0000' };
const firstLink = (owner: FieldOwner, description: string | undefined, baseline = {}) =>
  planZohoToJira({
    sci: sci({ mode: mode(owner), mappings: mappings(owner) }),
    record: record({ name: 'OPS task in Zoho', description, ...zohoLater }),
    issue: issue({ fields: { summary: 'OPS-1 own summary', description: jiraDescription }, ...jiraEarlier }),
    baseline,
    jiraFields,
    zohoFields,
    now: NOW,
  });

describe('first link: no value is overwritten with an empty one (regression: description: null on link)', () => {
  it.each(['both', 'zoho'] as const)('owner %s: an empty Zoho description never clears the Jira one', (owner) => {
    const p = firstLink(owner, undefined);
    expect(p.edit?.fields).not.toHaveProperty('description');
    expect(p.skipped).toContainEqual(expect.objectContaining({ field: 'description', code: 'first_link_kept' }));
  });

  it('two-way: the Jira description fills the empty Zoho one instead', () => {
    const p = firstLink('both', '');
    expect(p.zohoPatch).toEqual({ description: expect.stringContaining('Written in Jira') });
    expect(p.conflicts.map((c) => c.field)).not.toContain('description');
  });

  it('one-way: the kept Jira value stays kept in later cycles while Zoho stays empty', () => {
    const first = firstLink('zoho', undefined);
    const later = firstLink('zoho', undefined, first.newBaseline);
    expect(later.edit?.fields ?? {}).not.toHaveProperty('description');
    expect(first.zohoPatch).toBeUndefined();
  });

  it('one-way: once Zoho gets a description, Zoho ownership applies again', () => {
    const first = firstLink('zoho', undefined);
    const later = firstLink('zoho', '<p>Now set in Zoho</p>', first.newBaseline);
    expect(later.edit?.fields).toHaveProperty('description');
  });

  it('a non-empty Zoho value still fills an empty Jira field on the first link', () => {
    const p = planZohoToJira({
      sci: sci({ mode: 'one_way', mappings: mappings('zoho') }),
      record: record({ name: 'Task', description: '<p>From Zoho</p>' }),
      issue: issue({ fields: { summary: 'Task', description: null } }),
      jiraFields,
      zohoFields,
      now: NOW,
    });
    expect(p.edit?.fields).toHaveProperty('description');
  });

  it('two-way with both values set: the last writer wins, as in every later cycle', () => {
    const p = firstLink('both', '<p>Zoho text</p>');
    expect(p.edit?.fields).toEqual(expect.objectContaining({ summary: 'OPS task in Zoho' }));
    expect(p.conflicts.map((c) => c.field).sort()).toEqual(['description', 'summary']);
  });

  it('hashes in the kept baseline are the current sides', () => {
    const p = firstLink('zoho', undefined);
    expect(p.newBaseline.description).toEqual(
      expect.objectContaining({
        zohoHash: zohoSideHash(undefined, zohoFields[1]!),
        jiraHash: jiraSideHash(jiraDescription, jiraFields[1]!),
      }),
    );
  });
});

describe('link dialog preview: the planned first-sync changes, from the same planner', () => {
  const preview = (owner: FieldOwner, description: string | undefined) =>
    previewFirstLink({
      sci: sci({ mode: mode(owner), mappings: mappings(owner) }),
      record: record({ name: 'OPS task in Zoho', description, ...zohoLater }),
      issue: issue({ fields: { summary: 'OPS-1 own summary', description: jiraDescription }, ...jiraEarlier }),
      jiraFields,
      zohoFields,
      now: NOW,
    });

  it.each([
    [
      'two-way, empty Zoho description',
      'both' as const,
      undefined,
      [
        { field: 'summary', direction: 'zoho_to_jira', from: 'OPS-1 own summary', to: 'OPS task in Zoho' },
        { field: 'description', direction: 'jira_to_zoho', from: null, to: 'Written in Jira' },
      ],
    ],
    [
      'one-way, empty Zoho description',
      'zoho' as const,
      undefined,
      [{ field: 'summary', direction: 'zoho_to_jira', from: 'OPS-1 own summary', to: 'OPS task in Zoho' }],
    ],
    [
      'one-way, Zoho description set',
      'zoho' as const,
      '<p>Zoho text</p>',
      [
        { field: 'summary', direction: 'zoho_to_jira', from: 'OPS-1 own summary', to: 'OPS task in Zoho' },
        { field: 'description', direction: 'zoho_to_jira', from: 'Written in Jira', to: 'Zoho text' },
      ],
    ],
  ])('%s', (_name, owner, description, expected) => {
    const p = preview(owner, description);
    expect(p.writes).toBe(true);
    expect(p.changes.map(({ field, direction, from, to }) => ({ field, direction, from, to }))).toEqual(expected);
  });

  it('names the kept Jira value and why', () => {
    expect(preview('zoho', undefined).kept).toEqual([
      expect.objectContaining({ field: 'description', label: 'Description', reason: expect.stringContaining('keeps') }),
    ]);
  });

  it('display-only items change nothing', () => {
    const p = previewFirstLink({
      sci: sci({ mode: 'display_only', mappings: [] }),
      record: record(),
      issue: issue(),
      now: NOW,
    });
    expect(p).toEqual({ writes: false, changes: [], kept: [] });
  });
});
