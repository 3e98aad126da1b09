/**
 * SyncHistoryEntry rows: the per-link history the issue panel shows. Written in batches
 * (createMany), read newest first with a cursor (the row id), pruned after the retention.
 */
import type { HistoryDraft } from '../workflows/core/history';
import type { PrismaClient } from './prisma';

export interface HistoryRow extends HistoryDraft {
  installationId: string;
  linkId: string;
  sciId: string;
  jiraIssueId: string;
  at: Date;
  workflowId: string | null;
  runId: string | null;
}

export interface StoredHistoryEntry extends HistoryRow {
  id: string;
}

export async function insertHistory(prisma: PrismaClient, rows: readonly HistoryRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await prisma.syncHistoryEntry.createMany({
    data: rows.map(({ from, to, ...r }) => ({ ...r, oldValue: from, newValue: to })),
  });
  return count;
}

/** One page of a link's history, newest first; `next` is the cursor of the following page. */
export async function historyPage(
  prisma: PrismaClient,
  where: { installationId: string; linkId: string; jiraIssueId: string },
  page: { cursor?: string; limit: number },
): Promise<{ entries: StoredHistoryEntry[]; next: string | null }> {
  const rows = await prisma.syncHistoryEntry.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: BigInt(page.cursor) }, skip: 1 } : {}),
  });
  const more = rows.length > page.limit;
  const entries = rows.slice(0, page.limit).map(({ id, oldValue, newValue, ...r }) => ({
    ...r,
    id: id.toString(),
    from: oldValue,
    to: newValue,
    direction: r.direction as HistoryRow['direction'],
    kind: r.kind as HistoryRow['kind'],
    why: r.why as HistoryRow['why'],
  }));
  return { entries, next: more ? (entries.at(-1)?.id ?? null) : null };
}

export async function findHistoryEntry(
  prisma: PrismaClient,
  where: { installationId: string; linkId: string; jiraIssueId: string; id: string },
): Promise<{ id: string; kind: string } | null> {
  const row = await prisma.syncHistoryEntry.findFirst({
    where: { ...where, id: BigInt(where.id) },
    select: { id: true, kind: true },
  });
  return row ? { id: row.id.toString(), kind: row.kind } : null;
}

/** Deletes history older than `before`, in chunks so one prune never holds long locks. */
export async function pruneHistory(prisma: PrismaClient, before: Date, chunk = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    // "at" is timestamp(3) without zone, in UTC (as Prisma writes it).
    const n = await prisma.$executeRaw`
      DELETE FROM "SyncHistoryEntry" WHERE "id" IN (
        SELECT "id" FROM "SyncHistoryEntry" WHERE "at" < ${before.toISOString()}::timestamp(3) LIMIT ${chunk})`;
    total += n;
    if (n < chunk) return total;
  }
}
