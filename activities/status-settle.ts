/**
 * Status that has not reached its target yet: what a walk's result means for the link (baseline,
 * echo receipt, unsettled target, needs-attention reason, run counts), and the cycle's pass over the
 * unsettled links of an SCI, which goes on walking even when Zoho did not change again.
 */
import { z } from 'zod';
import {
  STATUS_FIELD,
  ruleGovernsStatus,
  statusHash,
  walkStillWanted,
  type SyncBaseline,
  type WriteReceipt,
} from '../workflows/core';
import { loadSmartConnectedItem } from '../store/items';
import { markLinkSynced, type LinkRef } from '../store/links';
import type { JiraApi } from '../integrations/jira/types';
import { setLinkStatusState, unsettledLinks, type LinkStatusState } from '../store/link-status';
import { recordReceipts } from '../store/receipts';
import { emptyBatch, type BatchResult, noteRecordFailure } from './batch-result';
import { type CallCounter, type Ctx, clientsFor } from './context';
import { walkJiraIssue, type StatusWalkState, type WalkResult } from './jira-status';
import { jiraStatusesFor } from './metadata';
import { noteSettled } from './history-notes';

/** Unsettled links walked per cycle (each costs a few Jira calls). */
const SETTLE_PER_CYCLE = 50;

const status = z.object({ id: z.string(), name: z.string(), category: z.enum(['new', 'indeterminate', 'done']) });
const walkState = z.object({
  target: z.object({
    statusId: z.string().optional(),
    name: z.string().optional(),
    category: z.enum(['new', 'indeterminate', 'done']).optional(),
  }),
  offered: z
    .record(
      z.string(),
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          to: status,
          hasScreen: z.boolean().optional(),
          isAvailable: z.boolean().optional(),
          requiredFields: z.array(z.string()).optional(),
        }),
      ),
    )
    .optional(),
}) satisfies z.ZodType<StatusWalkState>;

/**
 * Folds a walk into what the link records: the baseline entry and receipt where it moved the issue
 * (so the move does not echo back to Zoho, and a later Jira move is recognised as someone else's),
 * the link's status state, and the run's counts. Returns whether Jira was written.
 */
export function noteWalk(
  walk: WalkResult,
  to: {
    baseline: SyncBaseline;
    receipts: WriteReceipt[];
    result: BatchResult;
    where: { zohoRecordId: string; jiraIssueKey: string };
    zohoHash: string | undefined;
    now: string;
  },
): { wrote: boolean; state: LinkStatusState } {
  if (walk.reached) {
    const written = statusHash(walk.reached.id);
    to.baseline[STATUS_FIELD] = { zohoHash: to.zohoHash, jiraHash: written };
    to.receipts.push({ field: STATUS_FIELD, direction: 'zoho_to_jira', valueHash: written, writtenAt: to.now });
  }
  const stuck = walk.outcome.kind === 'no_safe_transition' ? walk.outcome.reason : null;
  if (stuck) {
    to.result.noSafeTransition += 1;
    to.result.needsAttention += 1;
    to.result.errors.push({ ...to.where, message: `Needs attention (no safe transition): ${stuck}` });
  }
  return { wrote: walk.reached !== undefined, state: { statusTarget: walk.state, needsAttention: stuck } };
}

/** Walks one unsettled link on toward its target, or lets it go when Jira moved meanwhile. */
export async function settleLink(
  ctx: Ctx,
  sci: { installationId: string },
  link: LinkRef & { statusTarget: unknown },
  jira: JiraApi,
  result: BatchResult,
): Promise<void> {
  const nowDate = new Date(ctx.clock.now());
  const now = nowDate.toISOString();
  const where = { zohoRecordId: link.zohoRecordId, jiraIssueKey: link.jiraIssueKey };
  const state = walkState.safeParse(link.statusTarget);
  const issue = state.success ? await jira.getIssue(link.jiraIssueId, ['status', 'updated']) : undefined;
  const base = link.baseline[STATUS_FIELD];
  if (!state.success || !issue || !walkStillWanted(base?.jiraHash, statusHash(issue.status.id))) {
    await setLinkStatusState(ctx.prisma, link.id, LET_GO, nowDate);
    result.skipped += 1;
    return;
  }
  const walk = await walkJiraIssue(jira, issue, state.data.target, state.data.offered, (p) =>
    jiraStatusesFor(sci.installationId, jira, p),
  );
  const baseline = { ...link.baseline };
  const receipts: WriteReceipt[] = [];
  const noted = noteWalk(walk, { baseline, receipts, result, where, zohoHash: base?.zohoHash, now });
  if (noted.wrote) {
    await recordReceipts(ctx.prisma, link.id, receipts);
    await markLinkSynced(ctx.prisma, link.id, { baseline });
  }
  await setLinkStatusState(ctx.prisma, link.id, noted.state, nowDate);
  noteSettled(ctx, link, issue.status.name, walk);
  if (walk.outcome.kind === 'moved') result.updated += 1;
  else result.skipped += 1;
}

const LET_GO: LinkStatusState = { statusTarget: null, needsAttention: null };

/** One cycle's pass over the SCI's unsettled links (oldest first, a bounded number per cycle). */
export async function settleStatuses(ctx: Ctx, input: { sciId: string }): Promise<BatchResult> {
  const result = emptyBatch();
  const links = await unsettledLinks(ctx.prisma, input.sciId, SETTLE_PER_CYCLE);
  const sci = links.length > 0 ? await loadSmartConnectedItem(ctx.prisma, input.sciId) : null;
  if (!sci) return result;
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const { jira } = await clientsFor(ctx, sci.installationId, counter);
  // Status sync switched off (and no rule moves status): nothing is owed to these links any more.
  const statusOwed = sci.enabled && sci.mode !== 'display_only' && (sci.syncStatus || ruleGovernsStatus(sci.rule));
  if (!statusOwed) {
    for (const link of links) await setLinkStatusState(ctx.prisma, link.id, LET_GO, new Date(ctx.clock.now()));
    return result;
  }
  try {
    for (const link of links) {
      try {
        await settleLink(ctx, sci, link, jira, result);
      } catch (err) {
        noteRecordFailure(result, err, link);
      }
    }
  } finally {
    result.jiraCalls = counter.jira;
    result.zohoCalls = counter.zoho;
  }
  return result;
}
