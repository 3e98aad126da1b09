/**
 * Auto-create intents: written before the first Jira create, so a retry after a lost response
 * knows a create may have happened and searches for it before creating again.
 */
import type { PrismaClient } from './prisma';

export interface AutoCreateIntentState {
  /** True when this call wrote the intent: no create can have been attempted before. */
  fresh: boolean;
  firstTryAt: Date;
  jiraIssueId: string | null;
  jiraIssueKey: string | null;
}

export async function beginIntent(prisma: PrismaClient, sciId: string, zohoRecordId: string): Promise<AutoCreateIntentState> {
  try {
    const row = await prisma.autoCreateIntent.create({ data: { sciId, zohoRecordId } });
    return { fresh: true, firstTryAt: row.firstTryAt, jiraIssueId: null, jiraIssueKey: null };
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
  }
  const row = await prisma.autoCreateIntent.findUniqueOrThrow({ where: { sciId_zohoRecordId: { sciId, zohoRecordId } } });
  return { fresh: false, firstTryAt: row.firstTryAt, jiraIssueId: row.jiraIssueId, jiraIssueKey: row.jiraIssueKey };
}

export async function completeIntent(prisma: PrismaClient, sciId: string, zohoRecordId: string, issue: { id: string; key: string }): Promise<void> {
  await prisma.autoCreateIntent.update({
    where: { sciId_zohoRecordId: { sciId, zohoRecordId } },
    data: { jiraIssueId: issue.id, jiraIssueKey: issue.key },
  });
}
