/**
 * SyncRun rows: one per cycle (or event batch / refresh); the admin grid shows the latest per SCI.
 * Run totals are defined once, in the pure workflows/totals (the workflow accumulates them).
 */
import { MAX_LISTED, runStatus, type CycleTotals } from '../workflows/core/totals';
import { countRun } from '../metrics/registry';
import type { PrismaClient } from './prisma';

export type SyncRunKind = 'scheduled' | 'event' | 'refresh' | 'reconcile';

/** Idempotent per (workflowId, runId): a retried activity finds the same row. */
export async function startSyncRun(
  prisma: PrismaClient,
  input: {
    installationId: string;
    sciId: string;
    kind: SyncRunKind;
    workflowId: string;
    runId: string;
  },
): Promise<string> {
  const row = await prisma.syncRun.upsert({
    where: { workflowId_runId: { workflowId: input.workflowId, runId: input.runId } },
    create: { ...input, status: 'running' },
    update: {},
    select: { id: true },
  });
  return row.id;
}

const finishedData = (totals: CycleTotals, status: 'succeeded' | 'partial' | 'failed') => ({
  status,
  finishedAt: new Date(),
  created: totals.created,
  updated: totals.updated,
  skipped: totals.skipped,
  failed: totals.failed,
  needsAttention: totals.needsAttention ?? 0,
  zohoCalls: totals.zohoCalls,
  jiraCalls: totals.jiraCalls,
  conflicts: totals.conflicts.slice(0, MAX_LISTED) as never,
  errors: totals.errors.slice(0, MAX_LISTED) as never,
});

export async function finishSyncRun(
  prisma: PrismaClient,
  id: string,
  totals: CycleTotals,
  status?: 'succeeded' | 'partial' | 'failed',
): Promise<void> {
  const final = status ?? runStatus(totals);
  await prisma.syncRun.update({ where: { id }, data: finishedData(totals, final) });
  countRun(final, totals);
}

/**
 * A run recorded once it is over (an event batch): ONE upsert instead of start + finish.
 * Idempotent per (workflowId, runId): a retried activity rewrites the same row with its totals.
 */
export async function recordFinishedSyncRun(
  prisma: PrismaClient,
  input: { installationId: string; sciId: string; kind: SyncRunKind; workflowId: string; runId: string },
  totals: CycleTotals,
): Promise<void> {
  const final = runStatus(totals);
  const data = finishedData(totals, final);
  await prisma.syncRun.upsert({
    where: { workflowId_runId: { workflowId: input.workflowId, runId: input.runId } },
    create: { ...input, ...data },
    update: data,
    select: { id: true },
  });
  countRun(final, totals);
}
