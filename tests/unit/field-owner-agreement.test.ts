/**
 * Regression: store/items.ts had its own owner rule that disagreed with the core's ownerFor: a
 * display-only mapping loaded as Zoho-owned (so Zoho → Jira) and a custom mapping without an owner
 * as "both". The store now resolves owners through the core, so every layer reads one answer.
 */
import { mappingsFlowing, ownerFor, SYNC_DIRECTIONS, type FieldOwner, type SyncMode } from '../../workflows/core';
import { toSmartConnectedItem } from '../../store/items';

type Row = Parameters<typeof toSmartConnectedItem>[0];

function row(mode: SyncMode, owners: Array<FieldOwner | null>): Row {
  return {
    id: 'sci-1',
    installationId: 'inst-1',
    name: 'Item',
    mode,
    enabled: true,
    zohoPortalId: '1',
    zohoPortalName: null,
    zohoProjectId: '2',
    zohoProjectName: null,
    zohoModule: 'tasks',
    jiraProjectIds: ['10000'],
    jiraProjectKeys: ['ENG'],
    jiraIssueTypeId: '10001',
    jiraIssueTypeName: null,
    displayFields: [],
    autoCreate: false,
    syncStatus: false,
    syncComments: false,
    syncAttachments: false,
    showAssociations: false,
    zohoCadenceMinutes: 5,
    reconcileEveryHours: 24,
    zohoWebhookToken: null,
    unmappedUserPolicy: 'attention',
    unmappedUserJiraDefault: null,
    unmappedUserZohoDefault: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    mappings: owners.map((owner, i) => ({
      jiraFieldId: `f${i}`,
      jiraFieldName: null,
      zohoFieldId: `z${i}`,
      zohoFieldName: null,
      owner: owner as FieldOwner,
    })),
    rule: null,
  } as Row;
}

describe('field owners: the store and the core agree (regression: display-only and ownerless custom)', () => {
  it.each<[SyncMode, FieldOwner | null]>([
    ['display_only', 'zoho'],
    ['display_only', 'both'],
    ['one_way', 'jira'],
    ['two_way', 'zoho'],
    ['custom', 'zoho'],
    ['custom', 'jira'],
    ['custom', 'both'],
    ['custom', null],
  ])('%s mapping stored with owner %s loads with the core owner', (mode, stored) => {
    const loaded = toSmartConnectedItem(row(mode, [stored]));
    expect(loaded.mappings[0].owner).toBe(ownerFor(mode, { owner: stored }));
  });

  it.each(SYNC_DIRECTIONS)('a display-only item loaded from the store flows nothing %s', (direction) => {
    expect(mappingsFlowing(toSmartConnectedItem(row('display_only', ['zoho', 'both'])), direction)).toEqual([]);
  });

  it('a custom mapping without an owner never writes, while its owned neighbours still flow', () => {
    const loaded = toSmartConnectedItem(row('custom', [null, 'jira']));
    expect(loaded.mappings[0].owner).toBeNull();
    expect(mappingsFlowing(loaded, 'zoho_to_jira')).toEqual([]);
    expect(mappingsFlowing(loaded, 'jira_to_zoho').map((m) => m.jiraFieldId)).toEqual(['f1']);
  });
});
