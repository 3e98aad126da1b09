/**
 * Auto-create, the no-duplicate way. Jira search is eventually consistent, so:
 *  1. an AutoCreateIntent row is written before the first create;
 *  2. the create request carries an issue property {sciId, zohoRecordId};
 *  3. a retry (intent not fresh) searches by that property and keeps searching until the
 *     consistency horizon has passed since the intent's first try; only then it creates again.
 * The child workflow id `create:<sci>:<record>` already prevents two concurrent creators.
 */
import { planAutoCreate, statusWritten } from '../../workflows/core/plan';
import type { SyncBaseline } from '../../workflows/core/conflict';
import type { WriteReceipt } from '../../workflows/core/echo';
import type { JiraStatusTarget } from '../../workflows/core/status-match';
import type { ZohoRecord } from '../../workflows/core/model';
import { retryLater } from '../http/failures';
import { beginIntent, completeIntent } from '../store/intents';
import { loadSmartConnectedItem } from '../store/items';
import { upsertAutoLink } from '../store/links';
import { recordReceipts } from '../store/receipts';
import { type CallCounter, clientsFor, type Ctx, sourceOf } from './context';
import { moveJiraIssue } from './jira-status';
import { jiraFieldsFor, zohoFieldsFor } from './metadata';
import { RECORD_HASH_FIELD, recordHash } from './pull';

export interface CreateIssueInput { sciId: string; record: ZohoRecord }

export type CreateIssueResult =
  | { kind: 'skipped'; reason: string; zohoCalls: number; jiraCalls: number }
  | {
    kind: 'created' | 'found';
    issue: { id: string; key: string };
    initialStatusId?: string;
    initialStatus?: JiraStatusTarget;
    baseline: SyncBaseline;
    receipts: WriteReceipt[];
    zohoCalls: number;
    jiraCalls: number;
  };

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export async function createIssueForRecord(ctx: Ctx, input: CreateIssueInput): Promise<CreateIssueResult> {
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci) return { kind: 'skipped', reason: 'The Smart Connected Item was deleted.', zohoCalls: 0, jiraCalls: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const needsMeta = sci.mappings.length > 0;
  const [jiraFields, zohoFields] = needsMeta
    ? await Promise.all([
      jiraFieldsFor(sci.installationId, apis.jira, sci.jiraProjectIds[0], sci.jiraIssueTypeId),
      zohoFieldsFor(sci.installationId, apis.zoho, sourceOf(sci)),
    ])
    : [[], []];
  const now = new Date(ctx.clock.now()).toISOString();
  const plan = planAutoCreate({ sci, record: input.record, jiraFields, zohoFields, now });
  if (!plan.create) return { kind: 'skipped', reason: plan.reason, zohoCalls: counter.zoho, jiraCalls: counter.jira };
  const done = (kind: 'created' | 'found', issue: { id: string; key: string }): CreateIssueResult => ({
    kind, issue, initialStatusId: plan.initialStatusId, initialStatus: plan.initialStatus,
    baseline: plan.newBaseline, receipts: plan.receipts, zohoCalls: counter.zoho, jiraCalls: counter.jira,
  });

  const intent = await beginIntent(ctx.prisma, sci.id, input.record.id);
  if (intent.jiraIssueId && intent.jiraIssueKey) return done('found', { id: intent.jiraIssueId, key: intent.jiraIssueKey });
  const key = ctx.config.linkPropertyKey;
  if (!intent.fresh) {
    const jql = `issue.property[${key}].zohoRecordId = ${jqlString(input.record.id)} AND issue.property[${key}].sciId = ${jqlString(sci.id)}`;
    const { issues } = await apis.jira.searchJql({ jql, fields: ['summary'], maxResults: 5 });
    if (issues.length > 0) {
      const first = issues.sort((a, b) => Number(a.id) - Number(b.id))[0];
      await completeIntent(ctx.prisma, sci.id, input.record.id, first);
      return done('found', { id: first.id, key: first.key });
    }
    const waited = ctx.clock.now() - intent.firstTryAt.getTime();
    const horizon = ctx.config.createConsistencyHorizonMs;
    if (waited < horizon) {
      throw retryLater('JiraSearchNotYetConsistent',
        `An earlier create of Zoho record ${input.record.id} may have succeeded; Jira search does not show it yet (waited ${Math.round(waited / 1000)} s of ${Math.round(horizon / 1000)} s)`,
        Math.min(horizon - waited, 5_000));
    }
  }
  const created = await apis.jira.createIssue({
    projectId: sci.jiraProjectIds[0],
    issueTypeId: sci.jiraIssueTypeId ?? '',
    fields: plan.fields,
    properties: [{ key, value: { sciId: sci.id, zohoRecordId: input.record.id } }],
  });
  await completeIntent(ctx.prisma, sci.id, input.record.id, created);
  return done('created', created);
}

export interface CompleteAutoCreateInput {
  sciId: string;
  record: ZohoRecord;
  issue: { id: string; key: string };
  initialStatusId?: string;
  initialStatus?: JiraStatusTarget;
  baseline: SyncBaseline;
  receipts: WriteReceipt[];
}

export interface CompleteAutoCreateResult {
  linkId: string;
  status: 'already' | 'moved' | 'no_safe_transition' | 'none';
  statusReason?: string;
  jiraCalls: number;
}

/** Initial status (rule met / not met, or status sync) via a transition, then the auto-managed link. */
export async function completeAutoCreate(ctx: Ctx, input: CompleteAutoCreateInput): Promise<CompleteAutoCreateResult> {
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci) throw Object.assign(new Error('The Smart Connected Item was deleted'), {});
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const baseline: SyncBaseline = { ...input.baseline, [RECORD_HASH_FIELD]: { zohoHash: recordHash(input.record) } };
  const receipts = [...input.receipts];
  let status: CompleteAutoCreateResult['status'] = 'none';
  let statusReason: string | undefined;
  const target: JiraStatusTarget | undefined = input.initialStatusId ? { statusId: input.initialStatusId } : input.initialStatus;
  if (target) {
    const issue = await apis.jira.getIssue(input.issue.id, ['status', 'updated']);
    if (issue) {
      const moved = await moveJiraIssue(apis.jira, issue.id, issue.status, target);
      status = moved.kind;
      const now = new Date(ctx.clock.now()).toISOString();
      const at = moved.kind === 'moved' ? moved.to.id : issue.status.id;
      const w = statusWritten('jira', at, input.record.status?.id ?? '', now);
      baseline['@status'] = w.baseline;
      if (moved.kind === 'moved') receipts.push(w.receipt);
      if (moved.kind === 'no_safe_transition') statusReason = moved.reason;
    }
  }
  const link = await upsertAutoLink(ctx.prisma, {
    installationId: sci.installationId, sciId: sci.id, jiraIssueId: input.issue.id, jiraIssueKey: input.issue.key,
    zohoRecordId: input.record.id, zohoRecordKey: input.record.key, zohoRecordName: input.record.name,
    zohoModifiedAt: input.record.modifiedAt ? new Date(input.record.modifiedAt) : null, baseline,
  });
  await recordReceipts(ctx.prisma, link.id, receipts);
  return { linkId: link.id, status, statusReason, jiraCalls: counter.jira };
}
