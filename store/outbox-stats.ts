/** How far the Jira-event outbox is behind: rows waiting for the relay, and the oldest one's age. */
import type { PrismaClient } from './prisma';

export async function outboxStats(prisma: PrismaClient): Promise<{ backlog: number; oldestAgeSeconds: number }> {
  const [row] = await prisma.$queryRaw<{ backlog: number; oldest: number | null }[]>`
    SELECT count(*)::int AS "backlog",
           EXTRACT(EPOCH FROM (now() - min("receivedAt")))::float8 AS "oldest"
    FROM "EventReceipt" WHERE "state" = 'pending'`;
  return { backlog: row?.backlog ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
}
