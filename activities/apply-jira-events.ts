/**
 * Event-driven direction: a coalesced batch of Jira events for one issue → the linked Zoho record
 * of every SCI that links the issue: Jira-owned / two-way fields and status in one Zoho PATCH (a
 * field Zoho refuses is reported and the rest, status included, sent again without it),
 * new Jira comments and attachments copied once. Echoes are dropped twice over: events authored by
 * our own app user, and values equal to our last write (receipts, in the planner).
 */
import { mappingsFlowing } from '../workflows/core/mapping';
import { planJiraToZoho } from '../workflows/core/plan';
import { ZOHO_MODULE_CAPABILITIES } from '../workflows/core/capabilities';
import { isSyncActive } from '../workflows/core/sync-activity';
import type { JiraIssue, SmartConnectedItem } from '../workflows/core/model';
import type { JiraIssueEvent } from '../workflows/signals';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import { loadIssueLinks } from '../store/issue-links';
import { markLinkSynced, type LinkRef } from '../store/links';
import { recordReceipts } from '../store/receipts';
import { emptyBatch, type BatchResult, noteRecordFailure } from './batch-result';
import { recordEventRun } from './event-runs';
import { appAccountId, type CallCounter, clientsFor, type Ctx, sourceOf } from './context';
import { jiraFieldsFor, zohoFieldsFor, zohoStatusesFor } from './metadata';
import { pushJiraAttachmentsToZoho } from './attachments-jira-to-zoho';
import { applyJiraCommentChanges, copyJiraCommentsToZoho } from './comments-jira-to-zoho';
import { forgetRefused, mappedJiraField, patchZohoKeepingOthers, refusedErrors } from './refused-fields';
import { skippedValues } from './skipped-values';
import { userValueContext } from './user-directory';
import { attemptOf, noteFieldAttention } from './field-attention';
import { refusedAttention } from './refused-fields';
import { eventToZohoWrite } from '../metrics/registry';
import { noteFailure, noteJiraToZoho } from './history-notes';

export interface ApplyJiraEventsInput {
  installationId: string;
  jiraIssueId: string;
  events: JiraIssueEvent[];
  /** When set, the batch's SyncRun rows are recorded here too (one activity per batch). */
  run?: { workflowId: string; runId: string; batch: number };
}
export interface ApplyJiraEventsResult extends BatchResult {
  ownEchoes: number;
  sciIds: string[];
}

const FIELD_EVENTS = new Set(['issue_updated', 'issue_created']);

/** Jira → Zoho for one link (also the reconciliation repair of a lost Jira event). */
export async function pushFields(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  issue: JiraIssue,
  changed: string[] | undefined,
  apis: { zoho: ZohoApi; jira: JiraApi },
  receipts: Parameters<typeof planJiraToZoho>[0]['receipts'],
  result: BatchResult,
): Promise<void> {
  const src = sourceOf(sci);
  const wantsStatus =
    sci.syncStatus && ZOHO_MODULE_CAPABILITIES[sci.zohoModule].status && (!changed || changed.includes('status'));
  const flowing = mappingsFlowing(sci, 'jira_to_zoho').some((m) => !changed || changed.includes(m.jiraFieldId));
  if (!wantsStatus && !flowing) return;
  const [record, jiraFields, zohoFields, zohoStatuses] = await Promise.all([
    apis.zoho.getRecord(src, link.zohoRecordId),
    flowing ? jiraFieldsFor(sci.installationId, apis.jira, sci.jiraProjectIds[0], sci.jiraIssueTypeId) : [],
    flowing ? zohoFieldsFor(sci.installationId, apis.zoho, src) : [],
    wantsStatus ? zohoStatusesFor(sci.installationId, apis.zoho, src) : [],
  ]);
  if (!record) throw new Error(`Zoho record ${link.zohoRecordId} no longer exists`);
  const now = new Date(ctx.clock.now()).toISOString();
  const userCtx = flowing
    ? await userValueContext({ ...apis, prisma: ctx.prisma }, ctx.clock, {
        installationId: sci.installationId,
        sci,
        jiraFields,
        zohoFields,
        record,
        issue,
      })
    : {};
  const plan = planJiraToZoho({
    sci,
    issue,
    record,
    changedFieldIds: changed,
    baseline: link.baseline,
    receipts,
    jiraFields,
    zohoFields,
    zohoStatuses,
    now,
    ...userCtx,
  });
  const where = { zohoRecordId: record.id, jiraIssueKey: link.jiraIssueKey };
  result.errors.push(...skippedValues(plan.skipped, where));
  let receiptsOut = plan.receipts;
  const patch = plan.patch && Object.keys(plan.patch).length ? plan.patch : undefined;
  const outcome = patch ? await patchZohoKeepingOthers(apis.zoho, src, record.id, patch) : undefined;
  if (outcome?.applied.length) result.updated += 1;
  else result.skipped += 1;
  if (outcome?.refused.length) {
    const fields = outcome.refused.map((r) => mappedJiraField(sci, 'zoho', r.field));
    receiptsOut = forgetRefused(fields, 'jira_to_zoho', receiptsOut, plan.newBaseline, link.baseline);
    result.errors.push(...refusedErrors('Zoho', outcome.refused, where));
  }
  const considered = mappingsFlowing(sci, 'jira_to_zoho')
    .map((m) => m.jiraFieldId)
    .filter((f) => !changed || changed.includes(f));
  const refused = outcome?.refused.length ? refusedAttention(sci, 'Zoho', outcome.refused, now) : [];
  await noteFieldAttention(
    ctx,
    link.id,
    [attemptOf(sci, 'jira_to_zoho', considered, plan.skipped, refused, now)],
    result,
  );
  noteJiraToZoho(ctx, link, { sci, plan, record, jiraFields, zohoFields, patch: outcome });
  if (plan.status?.kind === 'no_safe_status') {
    result.noSafeTransition += 1;
    result.errors.push({
      zohoRecordId: record.id,
      jiraIssueKey: link.jiraIssueKey,
      message: `No safe Zoho status: ${plan.status.reason}`,
    });
  }
  for (const c of plan.conflicts) result.conflicts.push({ linkId: link.id, field: c.field, winner: c.winner, at: now });
  // Independent and idempotent (a retry replans and rewrites both): one round trip of time, not two.
  await Promise.all([
    recordReceipts(ctx.prisma, link.id, receiptsOut),
    markLinkSynced(ctx.prisma, link.id, {
      baseline: plan.newBaseline,
      jiraUpdatedAt: issue.updated ? new Date(issue.updated) : null,
    }),
  ]);
}

export async function applyJiraEvents(ctx: Ctx, input: ApplyJiraEventsInput): Promise<ApplyJiraEventsResult> {
  const result = await applyBatch(ctx, input);
  if (result.updated > 0) {
    const now = Date.now();
    for (const e of input.events) {
      const at = Date.parse(e.occurredAt);
      if (Number.isFinite(at)) eventToZohoWrite.observe(Math.max(0, now - at) / 1000);
    }
  }
  if (input.run && result.sciIds.length > 0) {
    await recordEventRun(ctx, { installationId: input.installationId, sciIds: result.sciIds, ...input.run, result });
  }
  return result;
}

async function applyBatch(ctx: Ctx, input: ApplyJiraEventsInput): Promise<ApplyJiraEventsResult> {
  const result: ApplyJiraEventsResult = { ...emptyBatch(), ownEchoes: 0, sciIds: [] };
  const counter: CallCounter = { zoho: 0, jira: 0 };
  // The links, their SCIs and receipts in one statement, while the clients load.
  const [{ links, scis, receipts }, apis] = await Promise.all([
    loadIssueLinks(ctx.prisma, input.installationId, input.jiraIssueId),
    clientsFor(ctx, input.installationId, counter),
  ]);
  if (links.length === 0) return result;
  try {
    const appUser = await appAccountId(input.installationId, apis.jira);
    const events = input.events.filter((e) => {
      const own = !!e.actorAccountId && e.actorAccountId === appUser;
      if (own) result.ownEchoes += 1;
      return !own;
    });
    if (events.length === 0) return result;
    const fieldEvents = events.filter((e) => FIELD_EVENTS.has(e.kind));
    const created = fieldEvents.some((e) => e.kind === 'issue_created');
    const changed = created ? undefined : [...new Set(fieldEvents.flatMap((e) => e.changedFieldIds))];
    const commentIds = new Set(
      events.filter((e) => e.kind === 'comment_created' && e.commentId).map((e) => e.commentId!),
    );
    const attachmentsChanged = created || (changed ?? []).includes('attachment');
    // Read once, for the first link that needs it (its failure is reported per link, below).
    const issueRead = fieldEvents.length > 0 ? apis.jira.getIssue(input.jiraIssueId) : undefined;
    issueRead?.catch(() => undefined);
    let issue: JiraIssue | null | undefined;
    for (const link of links) {
      const sci = scis.get(link.sciId);
      if (!sci || !isSyncActive(sci)) continue;
      result.sciIds.push(sci.id);
      const module = ZOHO_MODULE_CAPABILITIES[sci.zohoModule];
      try {
        if (fieldEvents.length > 0) {
          if (issue === undefined) issue = await issueRead!;
          if (!issue) continue;
          await pushFields(ctx, sci, link, issue, changed, apis, receipts.get(link.id) ?? [], result);
        }
        if (commentIds.size > 0 && sci.syncComments && module.comments)
          await copyJiraCommentsToZoho(ctx, sci, link, commentIds, appUser, apis, result);
        await applyJiraCommentChanges(ctx, sci, link, events, apis, result); // comment edits and deletions
        if (attachmentsChanged && sci.syncAttachments && module.attachments)
          await pushJiraAttachmentsToZoho(ctx, sci, link, appUser, apis);
      } catch (err) {
        noteRecordFailure(result, err, link);
        noteFailure(ctx, link, 'jira_to_zoho', err);
      }
    }
  } finally {
    result.zohoCalls = counter.zoho;
    result.jiraCalls = counter.jira;
  }
  return result;
}
