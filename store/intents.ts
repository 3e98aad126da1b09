/**
 * Auto-create intents: written before the first Jira create, so a retry after a lost response
 * knows a create may have happened and searches for it before creating again.
 * One SQL statement each way (this runs once per auto-created record, thousands per intake).
 */
import type { PrismaClient } from './prisma';

export interface AutoCreateIntentState {
  /** True when this call wrote the intent: no create can have been attempted before. */
  fresh: boolean;
  firstTryAt: Date;
  jiraIssueId: string | null;
  jiraIssueKey: string | null;
}

interface IntentRow {
  fresh: boolean;
  firstTryAt: Date | string;
  jiraIssueId: string | null;
  jiraIssueKey: string | null;
}

const toState = (r: IntentRow): AutoCreateIntentState => ({
  fresh: r.fresh,
  firstTryAt: new Date(r.firstTryAt),
  jiraIssueId: r.jiraIssueId,
  jiraIssueKey: r.jiraIssueKey,
});

/** Claims the intent (fresh) or reads the one an earlier attempt wrote. `now` is the first-try time if fresh. */
export async function beginIntent(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordId: string,
  now = new Date(),
): Promise<AutoCreateIntentState> {
  // Timestamps travel as UTC ISO text: the columns are timestamp(3) without zone, in UTC (as Prisma writes them).
  const rows = await prisma.$queryRaw<IntentRow[]>`
    WITH ins AS (
      INSERT INTO "AutoCreateIntent" ("id", "sciId", "zohoRecordId", "firstTryAt")
      VALUES (gen_random_uuid()::text, ${sciId}, ${zohoRecordId}, ${now.toISOString()}::timestamp(3))
      ON CONFLICT ("sciId", "zohoRecordId") DO NOTHING
      RETURNING "firstTryAt"
    )
    SELECT true AS fresh, "firstTryAt", NULL::text AS "jiraIssueId", NULL::text AS "jiraIssueKey" FROM ins
    UNION ALL
    SELECT false, "firstTryAt", "jiraIssueId", "jiraIssueKey" FROM "AutoCreateIntent"
    WHERE "sciId" = ${sciId} AND "zohoRecordId" = ${zohoRecordId}`;
  if (rows.length > 0) return toState(rows[0]);
  // A concurrent claim committed after this statement's snapshot: read it now.
  const row = await prisma.autoCreateIntent.findUniqueOrThrow({
    where: { sciId_zohoRecordId: { sciId, zohoRecordId } },
  });
  return { fresh: false, firstTryAt: row.firstTryAt, jiraIssueId: row.jiraIssueId, jiraIssueKey: row.jiraIssueKey };
}

export async function completeIntent(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordId: string,
  issue: { id: string; key: string },
): Promise<void> {
  await prisma.autoCreateIntent.update({
    where: { sciId_zohoRecordId: { sciId, zohoRecordId } },
    data: { jiraIssueId: issue.id, jiraIssueKey: issue.key },
  });
}

/** Forgets a claim whose create Jira definitely refused (no issue can exist): the next try is fresh. */
export async function releaseIntent(prisma: PrismaClient, sciId: string, zohoRecordId: string): Promise<void> {
  await prisma.autoCreateIntent.deleteMany({ where: { sciId, zohoRecordId, jiraIssueId: null } });
}

/** Of these records, the ones an earlier auto-create already made a Jira issue for (read only: the dry-run preview). */
export async function intentsWithIssue(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordIds: string[],
): Promise<Map<string, string>> {
  if (zohoRecordIds.length === 0) return new Map();
  const rows = await prisma.autoCreateIntent.findMany({
    where: { sciId, zohoRecordId: { in: zohoRecordIds }, jiraIssueKey: { not: null } },
    select: { zohoRecordId: true, jiraIssueKey: true },
  });
  return new Map(rows.map((r) => [r.zohoRecordId, r.jiraIssueKey ?? '']));
}
