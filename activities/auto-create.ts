/**
 * Auto-create, the no-duplicate way, in one activity per Zoho record. Jira search is eventually
 * consistent, so:
 *  1. an AutoCreateIntent row is written before the first create;
 *  2. the create request carries an issue property {sciId, zohoRecordId};
 *  3. a retry (intent not fresh) searches by that property and keeps searching until the
 *     consistency horizon has passed since the intent's first try; only then it creates again.
 * The child workflow id `create:<sci>:<record>` already prevents two concurrent creators.
 * Then: initial status (Conditional Sync Rule / status sync) via a transition, and the
 * auto-managed link with its baseline and write receipts.
 */
import { planAutoCreate, statusWritten } from '../workflows/core/plan';
import { userValueContext } from './user-directory';
import type { SyncBaseline } from '../workflows/core/conflict';
import type { WriteReceipt } from '../workflows/core/echo';
import type { JiraStatusTarget } from '../workflows/core/status-match';
import type { SmartConnectedItem, ZohoRecord } from '../workflows/core/model';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import type { AutoCreatePlan } from '../workflows/core/plan-types';
import { isHttpFailure, retryLater } from '../integrations/http/failures';
import { beginIntent, completeIntent, releaseIntent, type AutoCreateIntentState } from '../store/intents';
import { loadSmartConnectedItem } from '../store/items';
import { createAutoLink, findLinkOfRecord } from '../store/links';
import { type CallCounter, clientsFor, type Ctx, sourceOf } from './context';
import { noteCreated } from './history-notes';
import { walkJiraIssue } from './jira-status';
import { setLinkStatusState, type LinkStatusState } from '../store/link-status';
import { jiraStatusesFor, jiraFieldsFor, zohoFieldsFor } from './metadata';
import { RECORD_HASH_FIELD, recordHash } from './pull';

export interface AutoCreateRecordInput {
  sciId: string;
  record: ZohoRecord;
  /** The SCI as the cycle read it (saves a database read per record); read here when absent. */
  sci?: SmartConnectedItem;
  /**
   * Create only when this call claims the intent (a batch, see auto-create-batch.ts). A record an
   * earlier attempt already claimed is answered `unsettled`: its own child workflow settles it.
   */
  freshOnly?: boolean;
}

export interface AutoCreateRecordResult {
  /** `unsettled` only with `freshOnly`: an earlier attempt claimed the record and left no link. */
  status: 'created' | 'found' | 'skipped' | 'unsettled';
  reason?: string;
  jiraIssueId?: string;
  jiraIssueKey?: string;
  linkId?: string;
  statusMove?: 'already' | 'moved' | 'no_safe_transition' | 'unsettled' | 'none';
  statusReason?: string;
  zohoCalls: number;
  jiraCalls: number;
}

/** A Jira answer that proves the create was not applied: any 4xx (rate limit, validation, auth). */
function definitelyNotCreated(err: unknown): boolean {
  return isHttpFailure(err) && typeof err.status === 'number' && err.status >= 400 && err.status < 500;
}

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An issue an earlier attempt created (lost response), found by our issue property; else waits out the horizon. */
async function findEarlierCreate(
  ctx: Ctx,
  jira: JiraApi,
  sci: SmartConnectedItem,
  record: ZohoRecord,
  intent: AutoCreateIntentState,
): Promise<{ id: string; key: string } | null> {
  const key = ctx.config.linkPropertyKey;
  const jql = `issue.property[${key}].zohoRecordId = ${jqlString(record.id)} AND issue.property[${key}].sciId = ${jqlString(sci.id)}`;
  const { issues } = await jira.searchJql({ jql, fields: ['summary'], maxResults: 5 });
  if (issues.length > 0) return issues.sort((a, b) => Number(a.id) - Number(b.id))[0];
  const waited = ctx.clock.now() - intent.firstTryAt.getTime();
  const horizon = ctx.config.createConsistencyHorizonMs;
  if (waited < horizon) {
    throw retryLater(
      'JiraSearchNotYetConsistent',
      `An earlier create of Zoho record ${record.id} may have succeeded; Jira search does not show it yet (waited ${Math.round(waited / 1000)} s of ${Math.round(horizon / 1000)} s)`,
      Math.min(horizon - waited, 5_000),
    );
  }
  return null;
}

/** Initial status: the issue is created in its workflow's initial status, then walked to the target. */
async function initialStatus(
  ctx: Ctx,
  installationId: string,
  jira: JiraApi,
  issueId: string,
  record: ZohoRecord,
  target: JiraStatusTarget,
  baseline: SyncBaseline,
  receipts: WriteReceipt[],
): Promise<{ status: AutoCreateRecordResult['statusMove']; reason?: string; state?: LinkStatusState }> {
  const issue = await jira.getIssue(issueId, ['status', 'updated']);
  if (!issue) return { status: 'none' };
  const walk = await walkJiraIssue(jira, issue, target, undefined, (p) => jiraStatusesFor(installationId, jira, p));
  const w = statusWritten(
    'jira',
    walk.reached?.id ?? issue.status.id,
    record.status?.id ?? '',
    new Date(ctx.clock.now()).toISOString(),
  );
  baseline['@status'] = w.baseline;
  if (walk.reached) receipts.push(w.receipt);
  const reason = walk.outcome.kind === 'no_safe_transition' ? walk.outcome.reason : undefined;
  return {
    status: walk.outcome.kind,
    reason,
    ...(walk.state ? { state: { statusTarget: walk.state, needsAttention: reason ?? null } } : {}),
  };
}

/** What auto-create would do with one new record: field metadata, then the pure planner. Writes nothing. */
export async function planAutoCreateFor(
  ctx: Ctx,
  sci: SmartConnectedItem,
  record: ZohoRecord,
  apis: { zoho: ZohoApi; jira: JiraApi },
): Promise<AutoCreatePlan> {
  const [jiraFields, zohoFields] =
    sci.mappings.length > 0
      ? await Promise.all([
          jiraFieldsFor(sci.installationId, apis.jira, sci.jiraProjectIds[0], sci.jiraIssueTypeId),
          zohoFieldsFor(sci.installationId, apis.zoho, sourceOf(sci)),
        ])
      : [[], []];
  // Owners become Jira users the way a linked record's do: mapping table first, then visible email.
  const userCtx = await userValueContext({ ...apis, prisma: ctx.prisma }, ctx.clock, {
    installationId: sci.installationId,
    sci,
    jiraFields,
    zohoFields,
    record,
  });
  return planAutoCreate({
    sci,
    record,
    jiraFields,
    zohoFields,
    now: new Date(ctx.clock.now()).toISOString(),
    ...userCtx,
  });
}

/** One new Zoho record → one Jira issue (+ initial status) + auto-managed link. Safe to retry at any point. */
export async function autoCreateRecord(ctx: Ctx, input: AutoCreateRecordInput): Promise<AutoCreateRecordResult> {
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const calls = () => ({ zohoCalls: counter.zoho, jiraCalls: counter.jira });
  const sci = input.sci ?? (await loadSmartConnectedItem(ctx.prisma, input.sciId));
  if (!sci) return { status: 'skipped', reason: 'The Smart Connected Item was deleted.', ...calls() };
  const { record } = input;
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const plan = await planAutoCreateFor(ctx, sci, record, apis);
  if (!plan.create) return { status: 'skipped', reason: plan.reason, ...calls() };

  const intent = await beginIntent(ctx.prisma, sci.id, record.id, new Date(ctx.clock.now()));
  if (!intent.fresh) {
    // A retry: an earlier attempt may have finished everything but reporting back.
    const linked = await findLinkOfRecord(ctx.prisma, sci.id, record.id);
    if (linked)
      return {
        status: 'found',
        jiraIssueId: linked.jiraIssueId,
        jiraIssueKey: linked.jiraIssueKey,
        linkId: linked.id,
        statusMove: 'none',
        ...calls(),
      };
    if (input.freshOnly) return { status: 'unsettled', reason: 'An earlier attempt claimed this record.', ...calls() };
  }
  let kind: 'created' | 'found' = 'found';
  let issue = intent.jiraIssueId && intent.jiraIssueKey ? { id: intent.jiraIssueId, key: intent.jiraIssueKey } : null;
  if (!issue && !intent.fresh) issue = await findEarlierCreate(ctx, apis.jira, sci, record, intent);
  if (!issue) {
    try {
      issue = await apis.jira.createIssue({
        projectId: sci.jiraProjectIds[0],
        issueTypeId: sci.jiraIssueTypeId ?? '',
        fields: plan.fields,
        properties: [{ key: ctx.config.linkPropertyKey, value: { sciId: sci.id, zohoRecordId: record.id } }],
      });
    } catch (err) {
      // In a batch, Jira's 4xx (429 included) means it created nothing: drop the fresh claim so the
      // batch's own retry (or the record's child workflow) creates at once instead of waiting out
      // the search horizon for an issue that cannot exist. A child keeps its claim: while it runs,
      // no batch of a later cycle may take the record over.
      if (input.freshOnly && intent.fresh && definitelyNotCreated(err))
        await releaseIntent(ctx.prisma, sci.id, record.id);
      throw err;
    }
    kind = 'created';
  }
  const target: JiraStatusTarget | undefined = plan.initialStatusId
    ? { statusId: plan.initialStatusId }
    : plan.initialStatus;
  // With a transition still to come, remember the issue first: a retry then needs no search.
  if (target && !intent.jiraIssueId) await completeIntent(ctx.prisma, sci.id, record.id, issue);

  const baseline: SyncBaseline = { ...plan.newBaseline, [RECORD_HASH_FIELD]: { zohoHash: recordHash(record) } };
  const receipts = [...plan.receipts];
  const moved = target
    ? await initialStatus(ctx, sci.installationId, apis.jira, issue.id, record, target, baseline, receipts)
    : { status: 'none' as const };
  const link = await createAutoLink(ctx.prisma, {
    installationId: sci.installationId,
    sciId: sci.id,
    jiraIssueId: issue.id,
    jiraIssueKey: issue.key,
    zohoRecordId: record.id,
    zohoRecordKey: record.key,
    zohoRecordName: record.name,
    zohoModifiedAt: record.modifiedAt ? new Date(record.modifiedAt) : null,
    baseline,
    receipts,
    now: new Date(ctx.clock.now()),
  });
  // Not at the target yet: later cycles walk on (and the record needs attention when stuck).
  if (moved.state) await setLinkStatusState(ctx.prisma, link.id, moved.state, new Date(ctx.clock.now()));
  noteCreated(
    ctx,
    { id: link.id, installationId: sci.installationId, sciId: sci.id, jiraIssueId: issue.id },
    kind,
    issue.key,
    record.name,
  );
  return {
    status: kind,
    jiraIssueId: issue.id,
    jiraIssueKey: issue.key,
    linkId: link.id,
    statusMove: moved.status,
    statusReason: moved.reason,
    ...calls(),
  };
}
