/** SyncRun rows: one per cycle (or event batch / refresh); the admin grid shows the latest per SCI. */
import type { PrismaClient } from './prisma';

export type SyncRunKind = 'scheduled' | 'event' | 'refresh';

export interface SyncConflict { linkId: string; field: string; winner: 'zoho' | 'jira'; at: string }
export interface SyncError { zohoRecordId?: string; jiraIssueKey?: string; message: string }

export interface SyncRunTotals {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  zohoCalls: number;
  jiraCalls: number;
  conflicts: SyncConflict[];
  errors: SyncError[];
}

export function emptyTotals(): SyncRunTotals {
  return { created: 0, updated: 0, skipped: 0, failed: 0, zohoCalls: 0, jiraCalls: 0, conflicts: [], errors: [] };
}

/** Errors and conflicts kept per run (the grid shows a summary; Temporal keeps the details). */
export const MAX_LISTED = 50;

/** Idempotent per (workflowId, runId): a retried activity finds the same row. */
export async function startSyncRun(prisma: PrismaClient, input: {
  installationId: string; sciId: string; kind: SyncRunKind; workflowId: string; runId: string;
}): Promise<string> {
  const row = await prisma.syncRun.upsert({
    where: { workflowId_runId: { workflowId: input.workflowId, runId: input.runId } },
    create: { ...input, status: 'running' },
    update: {},
    select: { id: true },
  });
  return row.id;
}

export async function finishSyncRun(prisma: PrismaClient, id: string, totals: SyncRunTotals, status?: 'succeeded' | 'partial' | 'failed'): Promise<void> {
  const final = status ?? (totals.failed > 0 ? (totals.created + totals.updated > 0 ? 'partial' : 'failed') : 'succeeded');
  await prisma.syncRun.update({
    where: { id },
    data: {
      status: final,
      finishedAt: new Date(),
      created: totals.created,
      updated: totals.updated,
      skipped: totals.skipped,
      failed: totals.failed,
      zohoCalls: totals.zohoCalls,
      jiraCalls: totals.jiraCalls,
      conflicts: totals.conflicts.slice(0, MAX_LISTED) as never,
      errors: totals.errors.slice(0, MAX_LISTED) as never,
    },
  });
}

/** Adds totals to totals (workflow side accumulates batch results with this, too). */
export function addTotals(a: SyncRunTotals, b: Partial<SyncRunTotals>): SyncRunTotals {
  return {
    created: a.created + (b.created ?? 0),
    updated: a.updated + (b.updated ?? 0),
    skipped: a.skipped + (b.skipped ?? 0),
    failed: a.failed + (b.failed ?? 0),
    zohoCalls: a.zohoCalls + (b.zohoCalls ?? 0),
    jiraCalls: a.jiraCalls + (b.jiraCalls ?? 0),
    conflicts: [...a.conflicts, ...(b.conflicts ?? [])].slice(0, MAX_LISTED),
    errors: [...a.errors, ...(b.errors ?? [])].slice(0, MAX_LISTED),
  };
}
