import {
  JIRA_CATEGORY_TO_ZOHO_STATUS_TYPE,
  SYNC_MODE_CAPABILITIES,
  SYNC_MODES,
  ZOHO_MODULES,
  ZOHO_MODULE_CAPABILITIES,
  ZOHO_STATUS_TYPE_TO_JIRA_CATEGORY,
  directionsFor,
  jiraStatusCategoryFromKey,
  mappingsFlowing,
  ownerFor,
  zohoStatusType,
  type FieldOwner,
  type SyncMode,
} from '../../workflows/core';
import { sci } from './fixtures';

describe('provider facts: Zoho module capabilities', () => {
  it.each([
    ['tasks', true, true, true, true, ['comments', 'attachments', 'linked_issues']],
    ['issues', true, true, true, true, ['comments', 'followers', 'attachments', 'linked_tasks']],
    ['milestones', false, false, false, false, ['linked_tasks', 'linked_issues']],
    ['timesheets', false, false, false, false, []],
  ] as const)(
    '%s: synchronized=%s autoCreate=%s status=%s comments=%s, associations %j',
    (module, synced, autoCreate, status, comments, associations) => {
      expect(ZOHO_MODULE_CAPABILITIES[module]).toMatchObject({
        synchronized: synced,
        autoCreate,
        status,
        comments,
        associations,
      });
    },
  );
  it('every module has a row', () => {
    expect(Object.keys(ZOHO_MODULE_CAPABILITIES).sort()).toEqual([...ZOHO_MODULES].sort());
  });
});

describe('provider facts: the modes and behavior matrix', () => {
  it.each<[SyncMode, string, string, boolean, boolean]>([
    ['display_only', 'never', 'never', false, false],
    ['one_way', 'always', 'never', true, true],
    ['two_way', 'always', 'always', true, true],
    ['custom', 'per_mapping', 'per_mapping', true, true],
  ])('%s: Zoho→Jira fields %s, Jira→Zoho fields %s, auto-create %s, rules %s', (mode, z2j, j2z, autoCreate, rules) => {
    expect(SYNC_MODE_CAPABILITIES[mode]).toMatchObject({
      zohoToJiraFields: z2j,
      jiraToZohoFields: j2z,
      autoCreate,
      conditionalRules: rules,
    });
  });
  it('display-only never writes and status/comments/attachments follow their switches in every synchronized mode', () => {
    expect(SYNC_MODE_CAPABILITIES.display_only).toMatchObject({
      synchronized: false,
      scheduled: false,
      statusSync: false,
      commentSync: false,
      attachmentSync: false,
    });
    for (const mode of SYNC_MODES.filter((m) => m !== 'display_only')) {
      expect(SYNC_MODE_CAPABILITIES[mode]).toMatchObject({
        statusSync: true,
        commentSync: true,
        attachmentSync: true,
        jiraProjects: 'exactly_one',
        issueTypeRequired: true,
      });
    }
  });
});

describe('provider facts: Jira status category ↔ Zoho status type', () => {
  it.each([
    ['new', 'open'],
    ['indeterminate', 'in_progress'],
    ['done', 'closed'],
  ] as const)('%s ↔ %s', (category, type) => {
    expect(JIRA_CATEGORY_TO_ZOHO_STATUS_TYPE[category]).toBe(type);
    expect(ZOHO_STATUS_TYPE_TO_JIRA_CATEGORY[type]).toBe(category);
  });
  it.each([
    ['new', 'new'],
    ['done', 'done'],
    ['indeterminate', 'indeterminate'],
    ['undefined', 'indeterminate'],
    [undefined, 'indeterminate'],
  ])('Jira statusCategory key %j reads as %s', (key, category) =>
    expect(jiraStatusCategoryFromKey(key)).toBe(category),
  );
  it.each([
    [{ name: 'Open', type: 'open' }, 'open'],
    [{ name: 'In Progress', type: 'open' }, 'in_progress'],
    [{ name: 'Closed', type: 'closed' }, 'closed'],
    [{ name: 'Done', is_closed_type: true }, 'closed'],
    [{ name: 'Reopen', is_closed_type: false }, 'open'],
  ])('Zoho status %j has type %s', (raw, type) => expect(zohoStatusType(raw)).toBe(type));
});

describe('field owners and directions', () => {
  it.each<[SyncMode, FieldOwner | undefined, FieldOwner | null, string[]]>([
    ['display_only', undefined, null, []],
    ['display_only', 'both', null, []],
    ['one_way', 'both', 'zoho', ['zoho_to_jira']],
    ['two_way', 'zoho', 'both', ['zoho_to_jira', 'jira_to_zoho']],
    // The safe reading: an ownerless custom mapping never writes (validation refuses to save one).
    ['custom', undefined, null, []],
    ['one_way', undefined, 'zoho', ['zoho_to_jira']],
    ['two_way', undefined, 'both', ['zoho_to_jira', 'jira_to_zoho']],
    ['custom', 'zoho', 'zoho', ['zoho_to_jira']],
    ['custom', 'jira', 'jira', ['jira_to_zoho']],
    ['custom', 'both', 'both', ['zoho_to_jira', 'jira_to_zoho']],
  ])('%s mapping with owner %s is owned by %s and flows %j', (mode, declared, owner, directions) => {
    expect(ownerFor(mode, { owner: declared })).toBe(owner);
    expect(directionsFor(ownerFor(mode, { owner: declared }))).toEqual(directions);
  });

  it('custom mode: each mapping flows by its own owner', () => {
    const item = sci({
      mode: 'custom',
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
        { jiraFieldId: 'priority', zohoFieldId: 'priority', owner: 'jira' },
        { jiraFieldId: 'labels', zohoFieldId: 'tags', owner: 'both' },
      ],
    });
    expect(mappingsFlowing(item, 'zoho_to_jira').map((m) => m.jiraFieldId)).toEqual(['summary', 'labels']);
    expect(mappingsFlowing(item, 'jira_to_zoho').map((m) => m.jiraFieldId)).toEqual(['priority', 'labels']);
  });

  it('one-way never flows Jira → Zoho', () => {
    expect(mappingsFlowing(sci({ mode: 'one_way' }), 'jira_to_zoho')).toEqual([]);
  });
});
