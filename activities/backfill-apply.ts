/**
 * Backfill, one record at a time: link an existing Jira issue the way a manual link does (Link row,
 * our issue property, the Zoho link note), or create an issue through auto-create (intent row, issue
 * property, deterministic dedupe). Both are idempotent: the Link unique constraints and the
 * OnceLinkedRecord memory make a retried or re-run record a no-op.
 */
import type { SmartConnectedItem, ZohoRecord } from '../workflows/core/model';
import type { IssueRef } from '../workflows/core/plan-backfill';
import type { JiraApi } from '../integrations/jira/types';
import { findLinkOfRecord } from '../store/links';
import type { BackfillRecordState } from '../store/backfills';
import { autoCreateRecord } from './auto-create';
import type { Ctx } from './context';
import { writeLinkNote } from './link-note';

export interface BackfillOutcome {
  state: BackfillRecordState;
  jiraIssueKey?: string;
  detail?: string;
  zohoCalls: number;
}

const isUnique = (err: unknown) => (err as { code?: string }).code === 'P2002';

export async function linkExistingIssue(
  ctx: Ctx,
  sci: SmartConnectedItem,
  jira: JiraApi,
  record: ZohoRecord,
  issue: IssueRef,
): Promise<BackfillOutcome> {
  // The same issue property auto-create writes: Jira search (and a later auto-create) finds the pair.
  await jira.setProperty(issue.id, ctx.config.linkPropertyKey, { sciId: sci.id, zohoRecordId: record.id });
  let linkId: string;
  try {
    const link = await ctx.prisma.link.create({
      data: {
        installationId: sci.installationId,
        sciId: sci.id,
        jiraIssueId: issue.id,
        jiraIssueKey: issue.key,
        zohoRecordId: record.id,
        zohoRecordKey: record.key ?? null,
        zohoRecordName: record.name,
        origin: 'manual',
        createdBy: 'backfill',
      },
    });
    linkId = link.id;
  } catch (err) {
    if (!isUnique(err)) throw err;
    // A retried record (its link stored before the crash) goes on; any other pair is left alone.
    const existing = await findLinkOfRecord(ctx.prisma, sci.id, record.id);
    if (existing?.jiraIssueId !== issue.id)
      return {
        state: 'skipped',
        detail: 'Linked meanwhile to another issue, or the issue to another record.',
        zohoCalls: 0,
      };
    linkId = existing.id;
  }
  const note = await writeLinkNote(ctx, { linkId });
  return {
    state: 'linked',
    jiraIssueKey: issue.key,
    ...(note.outcome === 'deferred'
      ? { detail: 'Zoho link note deferred (call budget); a later cycle writes it.' }
      : {}),
    zohoCalls: note.zohoCalls,
  };
}

export async function createIssueFor(ctx: Ctx, sci: SmartConnectedItem, record: ZohoRecord): Promise<BackfillOutcome> {
  // The admin asked for the rest to be created: auto-create's own path, rule and module checks included.
  const made = await autoCreateRecord(ctx, { sciId: sci.id, record, sci: { ...sci, autoCreate: true } });
  if (made.status === 'skipped' || made.status === 'unsettled' || !made.linkId)
    return { state: 'skipped', detail: made.reason ?? 'Not created.', zohoCalls: made.zohoCalls };
  const note = await writeLinkNote(ctx, { linkId: made.linkId });
  return {
    state: 'created',
    jiraIssueKey: made.jiraIssueKey,
    ...(made.status === 'found' ? { detail: 'An earlier attempt had created this issue.' } : {}),
    zohoCalls: made.zohoCalls + note.zohoCalls,
  };
}
