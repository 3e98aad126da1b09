/**
 * Scheduled direction for linked records: one Jira edit per changed issue (only changed fields),
 * a transition only when the status target differs, Jira-won conflicts written back to Zoho, then
 * receipts and baseline persisted. Per-record failures are recorded; retryable ones (429, 5xx,
 * budget) propagate so Temporal retries the batch, which is idempotent through the baseline.
 */
import { issueFieldsToRead, planZohoToJira, statusHash } from '../workflows/core/plan';
import type { JiraField, JiraIssue, SmartConnectedItem, ZohoField, ZohoRecord } from '../workflows/core/model';
import type { ZohoToJiraPlan } from '../workflows/core/plan-types';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import { findLinksByIds } from '../store/links';
import { loadSmartConnectedItem } from '../store/items';
import { markLinkSynced, type LinkRef } from '../store/links';
import { receiptsForLinks, recordReceipts } from '../store/receipts';
import { emptyBatch, type BatchResult, noteRecordFailure } from './batch-result';
import { type CallCounter, type Ctx, clientsFor, sourceOf } from './context';
import { walkJiraIssue } from './jira-status';
import { noteWalk } from './status-settle';
import { setLinkStatusState, type LinkStatusState } from '../store/link-status';
import { jiraFieldsFor, jiraStatusesFor, zohoFieldsFor } from './metadata';
import { RECORD_HASH_FIELD, recordHash } from './pull';
import {
  editJiraKeepingOthers,
  forgetRefused,
  mappedJiraField,
  patchZohoKeepingOthers,
  refusedErrors,
} from './refused-fields';
import { skippedValues } from './skipped-values';
import { userValueContext } from './user-directory';
import { attemptOf, noteFieldAttention } from './field-attention';
import { refusedAttention } from './refused-fields';
import { mappingsFlowing } from '../workflows/core/mapping';
import type { FieldAttention } from '../workflows/core/attention';
import { noteFailure, noteZohoToJira, type ZohoToJiraOutcome } from './history-notes';

export interface ApplyZohoChangesInput {
  sciId: string;
  items: Array<{ record: ZohoRecord; linkId: string }>;
}

export interface ApplyZohoChangesResult extends BatchResult {
  /** Links whose comments/attachments should be mirrored now. */
  mirrorLinkIds: string[];
}

export interface LinkSyncOutcome {
  wrote: boolean;
  mirror: { comments: boolean; attachments: boolean };
}

export interface LinkPlan {
  issue: JiraIssue;
  plan: ZohoToJiraPlan;
  now: string;
  jiraFields: JiraField[];
  zohoFields: ZohoField[];
}

/**
 * What syncing one linked record Zoho → Jira would do: reads the issue, field metadata and users,
 * then the pure planner. Writes nothing; shared by the cycle, the panel refresh and the dry-run preview.
 */
export async function planLinkFromZoho(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  record: ZohoRecord,
  apis: { zoho: ZohoApi; jira: JiraApi },
  receipts: Parameters<typeof planZohoToJira>[0]['receipts'],
): Promise<LinkPlan> {
  const issue = await apis.jira.getIssue(link.jiraIssueId, issueFieldsToRead(sci));
  if (!issue)
    throw Object.assign(new Error(`Jira issue ${link.jiraIssueKey} no longer exists`), { nonRetryable: true });
  const needsMeta = sci.mappings.length > 0;
  const [jiraFields, zohoFields] = needsMeta
    ? await Promise.all([
        jiraFieldsFor(sci.installationId, apis.jira, sci.jiraProjectIds[0], sci.jiraIssueTypeId),
        zohoFieldsFor(sci.installationId, apis.zoho, sourceOf(sci)),
      ])
    : [[], []];
  const now = new Date(ctx.clock.now()).toISOString();
  const userCtx = await userValueContext({ ...apis, prisma: ctx.prisma }, ctx.clock, {
    installationId: sci.installationId,
    sci,
    jiraFields,
    zohoFields,
    record,
    issue,
  });
  const plan = planZohoToJira({
    sci,
    record,
    issue,
    baseline: link.baseline,
    receipts,
    jiraFields,
    zohoFields,
    now,
    ...userCtx,
  });
  return { issue, plan, now, jiraFields, zohoFields };
}

/** Syncs one linked record Zoho → Jira. Shared by the cycle and the panel refresh. */
export async function syncLinkFromZoho(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  record: ZohoRecord,
  apis: { zoho: ZohoApi; jira: JiraApi },
  result: BatchResult,
  receipts: Parameters<typeof planZohoToJira>[0]['receipts'],
): Promise<LinkSyncOutcome> {
  const { issue, plan, now, jiraFields, zohoFields } = await planLinkFromZoho(ctx, sci, link, record, apis, receipts);
  const where = { zohoRecordId: record.id, jiraIssueKey: link.jiraIssueKey };
  let jiraRefused: FieldAttention[] = [];
  let zohoRefused: FieldAttention[] = [];
  result.errors.push(...skippedValues(plan.skipped, where));
  let wrote = false;
  let receiptsOut = [...plan.receipts];
  const baseline = { ...plan.newBaseline };
  const done: ZohoToJiraOutcome = { jiraFields, zohoFields };
  if (plan.edit) {
    const edit = (done.edit = await editJiraKeepingOthers(apis.jira, issue.id, plan.edit.fields));
    wrote = edit.applied.length > 0;
    if (edit.refused.length) {
      const fields = edit.refused.map((r) => mappedJiraField(sci, 'jira', r.field));
      receiptsOut = forgetRefused(fields, 'zoho_to_jira', receiptsOut, baseline, link.baseline);
      result.errors.push(...refusedErrors('Jira', edit.refused, where));
      jiraRefused = refusedAttention(sci, 'Jira', edit.refused, now);
    }
  }
  let statusState: LinkStatusState | undefined;
  if (plan.status) {
    // Walk the workflow toward the target; what is left unsettled is picked up by later cycles.
    const walk = await walkJiraIssue(apis.jira, issue, plan.status.target, undefined, (p) =>
      jiraStatusesFor(sci.installationId, apis.jira, p),
    );
    const zohoHash = record.status ? statusHash(record.status.id) : undefined;
    const noted = noteWalk(walk, { baseline, receipts: receiptsOut, result, where, zohoHash, now });
    wrote ||= noted.wrote;
    statusState = noted.state;
    done.walk = walk;
  }
  if (plan.zohoPatch) {
    const patch = (done.patch = await patchZohoKeepingOthers(apis.zoho, sourceOf(sci), record.id, plan.zohoPatch));
    wrote ||= patch.applied.length > 0;
    if (patch.refused.length) {
      const fields = patch.refused.map((r) => mappedJiraField(sci, 'zoho', r.field));
      receiptsOut = forgetRefused(fields, 'jira_to_zoho', receiptsOut, baseline, link.baseline);
      result.errors.push(...refusedErrors('Zoho', patch.refused, where));
      zohoRefused = refusedAttention(sci, 'Zoho', patch.refused, now);
    }
  }
  for (const c of plan.conflicts) {
    result.conflicts.push({ linkId: link.id, field: c.field, winner: c.winner, at: now });
  }
  baseline[RECORD_HASH_FIELD] = { zohoHash: recordHash(record) };
  await recordReceipts(ctx.prisma, link.id, receiptsOut);
  await markLinkSynced(ctx.prisma, link.id, {
    baseline,
    zohoModifiedAt: record.modifiedAt ? new Date(record.modifiedAt) : null,
    jiraUpdatedAt: issue.updated ? new Date(issue.updated) : null,
    zohoRecordName: record.name,
  });
  if (statusState) await setLinkStatusState(ctx.prisma, link.id, statusState, new Date(now));
  const backFields = Object.keys(plan.zohoPatch ?? {}).map((k) => mappedJiraField(sci, 'zoho', k));
  await noteFieldAttention(
    ctx,
    link.id,
    [
      attemptOf(
        sci,
        'zoho_to_jira',
        mappingsFlowing(sci, 'zoho_to_jira').map((m) => m.jiraFieldId),
        plan.skipped,
        jiraRefused,
        now,
      ),
      attemptOf(sci, 'jira_to_zoho', backFields, [], zohoRefused, now),
    ],
    result,
    !!statusState?.needsAttention,
  );
  noteZohoToJira(ctx, link, { sci, plan, issue, record, ...done });
  return { wrote, mirror: plan.mirror };
}

export async function applyZohoChanges(ctx: Ctx, input: ApplyZohoChangesInput): Promise<ApplyZohoChangesResult> {
  const result: ApplyZohoChangesResult = { ...emptyBatch(), mirrorLinkIds: [] };
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci || input.items.length === 0) return result;
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const links = await findLinksByIds(
    ctx.prisma,
    input.items.map((i) => i.linkId),
  );
  const receipts = await receiptsForLinks(ctx.prisma, [...links.keys()]);
  try {
    for (const { record, linkId } of input.items) {
      const link = links.get(linkId);
      if (!link) {
        result.skipped += 1; // unlinked meanwhile
        continue;
      }
      // A retried batch: this record was already applied (same content hash).
      if (link.baseline[RECORD_HASH_FIELD]?.zohoHash === recordHash(record)) {
        result.skipped += 1;
        continue;
      }
      try {
        const outcome = await syncLinkFromZoho(ctx, sci, link, record, apis, result, receipts.get(link.id) ?? []);
        if (outcome.wrote) result.updated += 1;
        else result.skipped += 1;
        if (outcome.mirror.comments || outcome.mirror.attachments) result.mirrorLinkIds.push(link.id);
      } catch (err) {
        noteRecordFailure(
          result,
          err,
          { zohoRecordId: record.id, jiraIssueKey: link.jiraIssueKey },
          {
            modifiedAt: record.modifiedAt,
          },
        );
        noteFailure(ctx, link, 'zoho_to_jira', err);
      }
    }
  } finally {
    result.zohoCalls = counter.zoho;
    result.jiraCalls = counter.jira;
  }
  return result;
}
