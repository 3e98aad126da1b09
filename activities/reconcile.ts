/**
 * Reconciliation of one Smart Connected Item: read both sides of every link page by page (one Zoho
 * list page, then its linked Jira issues through one JQL search per 100), compare them with the
 * owners (workflows/core/reconcile.ts) and repair drift through the ordinary apply paths — the
 * scheduled Zoho → Jira sync of a link, and the Jira → Zoho push a Jira event would have made.
 * Runs in the worker, so every Zoho call is drawn from the background lane of the shared budget.
 * A retried page compares again: what was repaired now agrees, so nothing is written twice.
 */
import { issueFieldsToRead } from '../workflows/core/plan';
import { linkDrift } from '../workflows/core/reconcile';
import { isSyncActive } from '../workflows/core/sync-activity';
import { emptyCycleTotals, type CycleTotals } from '../workflows/core/totals';
import type { JiraIssue, SmartConnectedItem } from '../workflows/core/model';
import { loadSmartConnectedItem } from '../store/items';
import { findLinksByIds, linksForRecords, type LinkRef } from '../store/links';
import { receiptsForLinks } from '../store/receipts';
import { finishSyncRun, startSyncRun } from '../store/sync-runs';
import { recordDrift } from '../store/reconcile-runs';
import type { JiraApi } from '../integrations/jira/types';
import { emptyBatch, noteRecordFailure, type BatchResult } from './batch-result';
import { clientsFor, heartbeat, sourceOf, type CallCounter, type Ctx } from './context';
import { syncLinkFromZoho } from './apply-zoho-to-jira';
import { pushFields } from './apply-jira-events';
import { jiraFieldsFor, zohoFieldsFor } from './metadata';
import { userDirectoryFor } from './user-directory';

/** Jira search page size for a page of linked ids (JQL `id in (…)`). */
const JIRA_IDS_PER_SEARCH = 100;
const ZOHO_PER_PAGE = 200;

export interface BeginReconcileInput {
  sciId: string;
  workflowId: string;
  runId: string;
}
export type BeginReconcileResult = { status: 'skip'; reason: string } | { status: 'run'; syncRunId: string };

export async function beginReconcile(ctx: Ctx, input: BeginReconcileInput): Promise<BeginReconcileResult> {
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci) return { status: 'skip', reason: 'The Smart Connected Item no longer exists.' };
  if (!isSyncActive(sci)) return { status: 'skip', reason: 'The Smart Connected Item does not sync now.' };
  const syncRunId = await startSyncRun(ctx.prisma, {
    installationId: sci.installationId,
    sciId: sci.id,
    kind: 'reconcile',
    workflowId: input.workflowId,
    runId: input.runId,
  });
  return { status: 'run', syncRunId };
}

export interface ReconcilePageInput {
  sciId: string;
  page: number;
}
export interface ReconcilePageResult extends BatchResult {
  nextPage: number | null;
  linksChecked: number;
  driftFound: number;
  driftFixed: number;
}

async function issuesById(jira: JiraApi, ids: string[], fields: string[]): Promise<Map<string, JiraIssue>> {
  const out = new Map<string, JiraIssue>();
  for (let i = 0; i < ids.length; i += JIRA_IDS_PER_SEARCH) {
    const part = ids.slice(i, i + JIRA_IDS_PER_SEARCH);
    let nextPageToken: string | undefined;
    do {
      const r = await jira.searchJql({
        jql: `id in (${part.join(',')})`,
        fields,
        maxResults: JIRA_IDS_PER_SEARCH,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      for (const issue of r.issues) out.set(issue.id, issue);
      nextPageToken = r.nextPageToken;
    } while (nextPageToken);
  }
  return out;
}

export async function reconcilePage(ctx: Ctx, input: ReconcilePageInput): Promise<ReconcilePageResult> {
  const result: ReconcilePageResult = {
    ...emptyBatch(),
    nextPage: null,
    linksChecked: 0,
    driftFound: 0,
    driftFixed: 0,
  };
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci || !isSyncActive(sci)) return result;
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  try {
    const page = await apis.zoho.listRecords(sourceOf(sci), { page: input.page, perPage: ZOHO_PER_PAGE });
    result.nextPage = page.hasNextPage && page.records.length > 0 ? input.page + 1 : null;
    const links = await linksForRecords(
      ctx.prisma,
      sci.id,
      page.records.map((r) => r.id),
    );
    if (links.size === 0) return result;
    const issues = await issuesById(
      apis.jira,
      [...links.values()].map((l) => l.jiraIssueId),
      issueFieldsToRead(sci),
    );
    const needsMeta = sci.mappings.length > 0;
    const [jiraFields, zohoFields] = needsMeta
      ? await Promise.all([
          jiraFieldsFor(sci.installationId, apis.jira, sci.jiraProjectIds[0], sci.jiraIssueTypeId),
          zohoFieldsFor(sci.installationId, apis.zoho, sourceOf(sci)),
        ])
      : [[], []];
    for (const record of page.records) {
      const link = links.get(record.id);
      const issue = link && issues.get(link.jiraIssueId);
      if (!link || !issue) continue;
      result.linksChecked += 1;
      heartbeat({ page: input.page, checked: result.linksChecked });
      try {
        const users = await userDirectoryFor(apis, ctx.clock, {
          installationId: sci.installationId,
          sci,
          jiraFields,
          zohoFields,
          record,
          issue,
        });
        const drift = linkDrift({
          sci,
          record,
          issue,
          baseline: link.baseline,
          jiraFields,
          zohoFields,
          ...(users ? { ctx: { users } } : {}),
        });
        if (drift.drifts.length === 0) continue;
        result.driftFound += 1;
        if (await repair(ctx, sci, link, record, issue, drift, apis, result)) result.driftFixed += 1;
      } catch (err) {
        noteRecordFailure(result, err, { zohoRecordId: record.id, jiraIssueKey: link.jiraIssueKey });
      }
    }
  } finally {
    result.zohoCalls = counter.zoho;
    result.jiraCalls = counter.jira;
  }
  return result;
}

/** Carries the owner's value over, Zoho → Jira first (it may resolve two-way conflicts), then Jira → Zoho. */
async function repair(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  record: Parameters<typeof syncLinkFromZoho>[3],
  issue: JiraIssue,
  drift: ReturnType<typeof linkDrift>,
  apis: Parameters<typeof syncLinkFromZoho>[4],
  result: BatchResult,
): Promise<boolean> {
  let wrote = false;
  let current = link;
  if (drift.zohoToJira) {
    const receipts = (await receiptsForLinks(ctx.prisma, [link.id])).get(link.id) ?? [];
    const outcome = await syncLinkFromZoho(ctx, sci, link, record, apis, result, receipts);
    wrote ||= outcome.wrote;
    current = (await findLinksByIds(ctx.prisma, [link.id])).get(link.id) ?? link; // fresh baseline
  }
  if (drift.jiraToZohoFields.length > 0) {
    const before = result.updated;
    const receipts = (await receiptsForLinks(ctx.prisma, [link.id])).get(link.id) ?? [];
    await pushFields(ctx, sci, current, issue, drift.jiraToZohoFields, apis, receipts, result);
    wrote ||= result.updated > before;
    result.updated = before; // counted once per link below, not per direction
  }
  if (wrote) result.updated += 1;
  return wrote;
}

export interface FinishReconcileInput {
  syncRunId: string;
  totals: CycleTotals;
  driftFound: number;
  driftFixed: number;
  status?: 'succeeded' | 'partial' | 'failed';
}

export async function finishReconcile(ctx: Ctx, input: FinishReconcileInput): Promise<void> {
  await finishSyncRun(ctx.prisma, input.syncRunId, { ...emptyCycleTotals(), ...input.totals }, input.status);
  await recordDrift(ctx.prisma, input.syncRunId, input.driftFound, input.driftFixed);
}
