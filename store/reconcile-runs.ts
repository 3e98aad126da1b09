/** Drift counts of reconcile runs (SyncRun kind 'reconcile'), and the latest one per item for the admin grid. */
import type { PrismaClient } from './prisma';

export async function recordDrift(
  prisma: PrismaClient,
  syncRunId: string,
  found: number,
  fixed: number,
): Promise<void> {
  await prisma.syncRun.update({ where: { id: syncRunId }, data: { driftFound: found, driftFixed: fixed } });
}

export interface LatestReconcile {
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  driftFound: number;
  driftFixed: number;
  workflowId: string;
  runId: string;
}

/** The latest reconcile run of each item (one query for the whole grid). */
export async function latestReconciles(prisma: PrismaClient, sciIds: string[]): Promise<Map<string, LatestReconcile>> {
  if (sciIds.length === 0) return new Map();
  const rows = await prisma.syncRun.findMany({
    where: { sciId: { in: sciIds }, kind: 'reconcile' },
    orderBy: { startedAt: 'desc' },
    distinct: ['sciId'],
    select: {
      sciId: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      driftFound: true,
      driftFixed: true,
      workflowId: true,
      runId: true,
    },
  });
  return new Map(rows.map(({ sciId, ...r }) => [sciId, r]));
}
