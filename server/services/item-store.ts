/**
 * Smart Connected Items as the admin page sees them: validated writes (the core's matrix), the grid
 * view (every column the spec lists + the latest SyncRun summary), always scoped by installation.
 */
import type { Prisma, PrismaClient } from '../../store/prisma';
import { temporalRunUrl, type TemporalConnectionConfig } from '../../temporal.config';
import { isSyncActive, type SyncSwitches } from '../../workflows/core/sync-activity';
import { validateSmartConnectedItem, type SmartConnectedItemDraft } from '../../workflows/core/sci-validation';
import { scheduleIdFor } from '../../workflows/ids';
import type { Item, LatestSync } from '../contract/admin';
import { AppError, notFound } from '../errors';

export const itemInclude = {
  mappings: { orderBy: { position: 'asc' } },
  rule: true,
  runs: { orderBy: { startedAt: 'desc' }, take: 1 },
  installation: { select: { status: true } },
} satisfies Prisma.SmartConnectedItemInclude;

export type ItemRow = Prisma.SmartConnectedItemGetPayload<{ include: typeof itemInclude }>;

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The facts the core's sync-activity policy reads, from a stored row. */
export function syncSwitchesOf(
  row: Pick<ItemRow, 'enabled' | 'mode'> & { installation: { status: string } },
): SyncSwitches {
  return { enabled: row.enabled, mode: row.mode, installationStatus: row.installation.status };
}

function latestSyncOf(
  row: ItemRow,
  temporal: Pick<TemporalConnectionConfig, 'webUrl' | 'namespace'>,
): LatestSync | null {
  const run = row.runs[0];
  if (!run) return null;
  const conflicts = Array.isArray(run.conflicts) ? run.conflicts.length : 0;
  const errors = (Array.isArray(run.errors) ? run.errors : []) as Array<{
    zohoRecordId?: string;
    jiraIssueKey?: string;
    message?: string;
  }>;
  return {
    status: run.status,
    kind: run.kind,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    created: run.created,
    updated: run.updated,
    skipped: run.skipped,
    failed: run.failed,
    needsAttention: run.needsAttention,
    ...(run.kind === 'reconcile' ? { driftFound: run.driftFound, driftFixed: run.driftFixed } : {}),
    conflicts,
    errors: errors.map((e) => {
      const record = e.jiraIssueKey ?? e.zohoRecordId;
      return { ...(record ? { record } : {}), message: String(e.message ?? 'unknown error') };
    }),
    workflowId: run.workflowId,
    runId: run.runId,
    temporalUrl: temporalRunUrl(temporal, run.workflowId, run.runId),
  };
}

export function toItem(
  row: ItemRow,
  temporal: Pick<TemporalConnectionConfig, 'webUrl' | 'namespace'>,
  linksNeedingAttention = 0,
): Item {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    enabled: row.enabled,
    zohoPortalId: row.zohoPortalId,
    zohoPortalName: row.zohoPortalName,
    zohoProjectId: row.zohoProjectId,
    zohoProjectName: row.zohoProjectName,
    zohoModule: row.zohoModule,
    jiraProjectIds: row.jiraProjectIds,
    jiraProjectKeys: row.jiraProjectKeys,
    jiraIssueTypeId: row.jiraIssueTypeId,
    jiraIssueTypeName: row.jiraIssueTypeName,
    displayFields: row.displayFields,
    mappings: row.mappings.map((m) => ({
      jiraFieldId: m.jiraFieldId,
      jiraFieldName: m.jiraFieldName,
      zohoFieldId: m.zohoFieldId,
      zohoFieldName: m.zohoFieldName,
      owner: m.owner,
    })),
    autoCreate: row.autoCreate,
    syncStatus: row.syncStatus,
    syncComments: row.syncComments,
    syncAttachments: row.syncAttachments,
    showAssociations: row.showAssociations,
    unmappedUserPolicy: row.unmappedUserPolicy,
    unmappedUserJiraDefault: row.unmappedUserJiraDefault,
    unmappedUserZohoDefault: row.unmappedUserZohoDefault,
    rule: row.rule
      ? {
          enabled: row.rule.enabled,
          zohoFieldId: row.rule.zohoFieldId,
          zohoFieldName: row.rule.zohoFieldName,
          operator: row.rule.operator,
          value: row.rule.value,
          metJiraStatusId: row.rule.metJiraStatusId,
          metJiraStatusName: row.rule.metJiraStatusName,
          notMetJiraStatusId: row.rule.notMetJiraStatusId,
          notMetJiraStatusName: row.rule.notMetJiraStatusName,
          createIssueWhenNotMet: row.rule.createIssueWhenNotMet,
        }
      : null,
    schedule: { scheduleId: scheduleIdFor(row.id), paused: !isSyncActive(syncSwitchesOf(row)) },
    latestSync: latestSyncOf(row, temporal),
    zohoCadenceMinutes: row.zohoCadenceMinutes,
    reconcileEveryHours: row.reconcileEveryHours,
    linksNeedingAttention,
    zohoWebhook: row.zohoWebhookToken !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Runs the core's matrix; a failure is 422 validation_failed with one error per field. */
export function validateItemInput(body: unknown): SmartConnectedItemDraft {
  const result = validateSmartConnectedItem(body);
  if (!result.ok) {
    throw new AppError('validation_failed', 'Some settings of the Smart Connected Item need attention.', result.errors);
  }
  return result.value;
}

function scalarData(d: SmartConnectedItemDraft) {
  return {
    name: d.name,
    mode: d.mode,
    enabled: d.enabled,
    zohoPortalId: d.zohoPortalId,
    zohoPortalName: d.zohoPortalName ?? null,
    zohoProjectId: d.zohoProjectId,
    zohoProjectName: d.zohoProjectName ?? null,
    zohoModule: d.zohoModule,
    jiraProjectIds: d.jiraProjectIds,
    jiraProjectKeys: d.jiraProjectKeys,
    jiraIssueTypeId: d.jiraIssueTypeId ?? null,
    jiraIssueTypeName: d.jiraIssueTypeName ?? null,
    displayFields: d.displayFields,
    autoCreate: d.autoCreate,
    syncStatus: d.syncStatus,
    syncComments: d.syncComments,
    syncAttachments: d.syncAttachments,
    showAssociations: d.showAssociations,
    ...(d.zohoCadenceMinutes ? { zohoCadenceMinutes: d.zohoCadenceMinutes } : {}),
    ...(d.reconcileEveryHours ? { reconcileEveryHours: d.reconcileEveryHours } : {}),
    unmappedUserPolicy: d.unmappedUserPolicy ?? 'attention',
    unmappedUserJiraDefault: d.unmappedUserJiraDefault || null,
    unmappedUserZohoDefault: d.unmappedUserZohoDefault || null,
  };
}

function mappingRows(d: SmartConnectedItemDraft) {
  return d.mappings.map((m, position) => ({
    position,
    jiraFieldId: m.jiraFieldId,
    jiraFieldName: m.jiraFieldName ?? null,
    zohoFieldId: m.zohoFieldId,
    zohoFieldName: m.zohoFieldName ?? null,
    owner: m.owner,
  }));
}

function ruleRow(d: SmartConnectedItemDraft) {
  const r = d.rule;
  if (!r) return null;
  return {
    enabled: r.enabled,
    zohoFieldId: r.zohoFieldId,
    zohoFieldName: r.zohoFieldName ?? null,
    operator: r.operator,
    value: r.value ?? null,
    metJiraStatusId: r.metJiraStatusId,
    metJiraStatusName: r.metJiraStatusName ?? null,
    notMetJiraStatusId: r.notMetJiraStatusId ?? null,
    notMetJiraStatusName: r.notMetJiraStatusName ?? null,
    createIssueWhenNotMet: r.createIssueWhenNotMet,
  };
}

const duplicateName = (name: string) =>
  new AppError('validation_failed', 'Another Smart Connected Item already uses this name.', [
    { field: 'name', code: 'duplicate', message: `A Smart Connected Item named "${name}" already exists.` },
  ]);

const isUnique = (err: unknown) => (err as { code?: string }).code === 'P2002';

export function createItemStore(prisma: PrismaClient) {
  async function find(installationId: string, id: string): Promise<ItemRow> {
    const row = await prisma.smartConnectedItem.findFirst({ where: { id, installationId }, include: itemInclude });
    if (!row) throw notFound('The Smart Connected Item');
    return row;
  }

  return {
    find,
    list: (installationId: string) =>
      prisma.smartConnectedItem.findMany({
        where: { installationId },
        include: itemInclude,
        orderBy: { createdAt: 'asc' },
      }),
    async create(installationId: string, d: SmartConnectedItemDraft): Promise<ItemRow> {
      const rule = ruleRow(d);
      try {
        return await prisma.smartConnectedItem.create({
          data: {
            installationId,
            ...scalarData(d),
            mappings: { create: mappingRows(d) },
            ...(rule ? { rule: { create: rule } } : {}),
          },
          include: itemInclude,
        });
      } catch (err) {
        if (isUnique(err)) throw duplicateName(d.name);
        throw err;
      }
    },
    async update(installationId: string, id: string, d: SmartConnectedItemDraft): Promise<ItemRow> {
      await find(installationId, id);
      const rule = ruleRow(d);
      try {
        await prisma.$transaction([
          prisma.fieldMapping.deleteMany({ where: { sciId: id } }),
          prisma.conditionalSyncRule.deleteMany({ where: { sciId: id } }),
          prisma.smartConnectedItem.update({
            where: { id },
            data: {
              ...scalarData(d),
              mappings: { create: mappingRows(d) },
              ...(rule ? { rule: { create: rule } } : {}),
            },
          }),
        ]);
      } catch (err) {
        if (isUnique(err)) throw duplicateName(d.name);
        throw err;
      }
      return find(installationId, id);
    },
    async setEnabled(installationId: string, id: string, enabled: boolean): Promise<ItemRow> {
      await find(installationId, id);
      await prisma.smartConnectedItem.update({ where: { id }, data: { enabled } });
      return find(installationId, id);
    },
    async remove(installationId: string, id: string): Promise<void> {
      await find(installationId, id);
      await prisma.smartConnectedItem.deleteMany({ where: { id, installationId } });
    },
  };
}
export type ItemStore = ReturnType<typeof createItemStore>;
