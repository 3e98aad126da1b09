/**
 * Smart Connected Items as the sync engine sees them: rows (+ mappings + rule) → core
 * `SmartConnectedItem`, with owners resolved by the core's ownerFor.
 */
import { ownerFor } from '../workflows/core/mapping';
import type { SmartConnectedItem, FieldOwner, SyncMode } from '../workflows/core/model';
import type { PrismaClient } from './prisma';

const include = { mappings: { orderBy: { position: 'asc' as const } }, rule: true } as const;

type SciRow = NonNullable<Awaited<ReturnType<PrismaClient['smartConnectedItem']['findUnique']>>> & {
  mappings: Array<{
    jiraFieldId: string;
    jiraFieldName: string | null;
    zohoFieldId: string;
    zohoFieldName: string | null;
    owner: FieldOwner;
  }>;
  rule: null | {
    enabled: boolean;
    zohoFieldId: string;
    zohoFieldName: string | null;
    operator: 'equals' | 'not_equals' | 'is_empty' | 'is_not_empty';
    value: string | null;
    metJiraStatusId: string;
    metJiraStatusName: string | null;
    notMetJiraStatusId: string | null;
    notMetJiraStatusName: string | null;
    createIssueWhenNotMet: boolean;
  };
};

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function toSmartConnectedItem(row: SciRow): SmartConnectedItem {
  const mode = row.mode as SyncMode;
  return {
    id: row.id,
    installationId: row.installationId,
    name: row.name,
    mode,
    enabled: row.enabled,
    zohoPortalId: row.zohoPortalId,
    zohoPortalName: opt(row.zohoPortalName),
    zohoProjectId: row.zohoProjectId,
    zohoProjectName: opt(row.zohoProjectName),
    zohoModule: row.zohoModule,
    jiraProjectIds: row.jiraProjectIds,
    jiraProjectKeys: row.jiraProjectKeys,
    jiraIssueTypeId: opt(row.jiraIssueTypeId),
    jiraIssueTypeName: opt(row.jiraIssueTypeName),
    displayFields: row.displayFields,
    autoCreate: row.autoCreate,
    syncStatus: row.syncStatus,
    syncComments: row.syncComments,
    syncAttachments: row.syncAttachments,
    showAssociations: row.showAssociations,
    unmappedUserPolicy: row.unmappedUserPolicy,
    unmappedUserJiraDefault: row.unmappedUserJiraDefault,
    unmappedUserZohoDefault: row.unmappedUserZohoDefault,
    mappings: row.mappings.map((m) => ({
      jiraFieldId: m.jiraFieldId,
      jiraFieldName: opt(m.jiraFieldName),
      zohoFieldId: m.zohoFieldId,
      zohoFieldName: opt(m.zohoFieldName),
      owner: ownerFor(mode, m),
    })),
    rule: row.rule
      ? {
          enabled: row.rule.enabled,
          zohoFieldId: row.rule.zohoFieldId,
          zohoFieldName: opt(row.rule.zohoFieldName),
          operator: row.rule.operator,
          value: opt(row.rule.value),
          metJiraStatusId: row.rule.metJiraStatusId,
          metJiraStatusName: opt(row.rule.metJiraStatusName),
          notMetJiraStatusId: opt(row.rule.notMetJiraStatusId),
          notMetJiraStatusName: opt(row.rule.notMetJiraStatusName),
          createIssueWhenNotMet: row.rule.createIssueWhenNotMet,
        }
      : null,
  };
}

/** null when the SCI was deleted (its schedule may still fire once). */
export async function loadSmartConnectedItem(prisma: PrismaClient, sciId: string): Promise<SmartConnectedItem | null> {
  const row = await prisma.smartConnectedItem.findUnique({ where: { id: sciId }, include });
  return row ? toSmartConnectedItem(row as unknown as SciRow) : null;
}
