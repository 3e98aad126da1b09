/**
 * One step of a backfill (workflow `backfill:<sciId>`, one step per run, continue-as-new between):
 *  zoho  — one page of the item's Zoho records → BackfillRecord rows (paced by the Zoho budget);
 *  jira  — one JQL page of the item's Jira project (nextPageToken) → candidates whose match value a record has;
 *  apply — a batch of pending records: the pure matcher decides, a dry run records the plan, a run
 *          links / creates each record and records what happened.
 * Every step stores its position with its result, so a cancelled or crashed backfill resumes there.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  backfillJiraFields,
  issueMatchValues,
  planBackfillPage,
  recordMatchValue,
  type BackfillDecision,
} from '../workflows/core/plan-backfill';
import type { SmartConnectedItem, ZohoRecord } from '../workflows/core/model';
import { loadSmartConnectedItem } from '../store/items';
import { linksForRecords, onceLinkedRecords } from '../store/links';
import {
  addBackfillCandidates,
  addBackfillRecords,
  loadBackfill,
  matchesFor,
  matchValuesPresent,
  pendingBackfillRecords,
  setBackfillRecordState,
  updateBackfill,
  type BackfillPhase,
} from '../store/backfills';
import { createIssueFor, linkExistingIssue, type BackfillOutcome } from './backfill-apply';
import { type CallCounter, clientsFor, type Ctx, errorText, heartbeat, isRetryable, sourceOf } from './context';

export interface BackfillStepResult {
  phase: BackfillPhase;
  done: boolean;
  zohoCalls: number;
  jiraCalls: number;
}

/** Jira issues per search page (the search API's maximum when fields are requested). */
const JIRA_PAGE = 100;
/** Records decided and applied per step. */
const APPLY_BATCH = 25;

function jqlProject(sci: SmartConnectedItem): string {
  return `project = ${sci.jiraProjectIds[0]} ORDER BY created ASC`;
}

export async function backfillStep(ctx: Ctx, input: { backfillId: string }): Promise<BackfillStepResult> {
  const bf = await loadBackfill(ctx.prisma, input.backfillId);
  if (!bf) throw ApplicationFailure.nonRetryable('The backfill was deleted.', 'NotFound');
  const sci = await loadSmartConnectedItem(ctx.prisma, bf.sciId);
  if (!sci) throw ApplicationFailure.nonRetryable('The Smart Connected Item was deleted.', 'NotFound');
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const result = (phase: BackfillPhase): BackfillStepResult => ({
    phase,
    done: phase === 'done',
    zohoCalls: counter.zoho,
    jiraCalls: counter.jira,
  });
  // A resumed backfill (cancelled, failed or crashed before) goes on from its stored position.
  let phase: BackfillPhase = bf.phase;
  if (phase === 'done') return result('done');

  if (phase === 'zoho') {
    const page = await apis.zoho.listRecords(sourceOf(sci), { page: bf.zohoPage, perPage: ctx.config.pageSize });
    await addBackfillRecords(
      ctx.prisma,
      bf.id,
      page.records.map((record) => ({ record, matchValue: recordMatchValue(record, bf.options.match) })),
    );
    const more = page.hasNextPage && page.records.length > 0;
    phase = more ? 'zoho' : bf.options.match ? 'jira' : 'apply';
    await updateBackfill(ctx.prisma, bf.id, { phase, zohoPage: more ? bf.zohoPage + 1 : bf.zohoPage });
    return result(phase);
  }

  if (phase === 'jira') {
    const found = await apis.jira.searchJql({
      jql: jqlProject(sci),
      fields: backfillJiraFields(bf.options.match),
      maxResults: JIRA_PAGE,
      ...(bf.jiraPageToken ? { nextPageToken: bf.jiraPageToken } : {}),
    });
    const offered = found.issues.map((issue) => ({ issue, values: issueMatchValues(issue, bf.options.match) }));
    const present = await matchValuesPresent(
      ctx.prisma,
      bf.id,
      offered.flatMap((o) => o.values),
    );
    await addBackfillCandidates(
      ctx.prisma,
      bf.id,
      offered.flatMap((o) =>
        o.values.filter((v) => present.has(v)).map((matchValue) => ({ matchValue, issue: o.issue })),
      ),
    );
    phase = found.nextPageToken ? 'jira' : 'apply';
    await updateBackfill(ctx.prisma, bf.id, {
      phase,
      jiraPageToken: found.nextPageToken ?? null,
      jiraScanned: bf.jiraScanned + found.issues.length,
    });
    return result(phase);
  }

  const pending = await pendingBackfillRecords(ctx.prisma, bf.id, APPLY_BATCH, { inFlight: !bf.dryRun });
  if (pending.length === 0) {
    await updateBackfill(ctx.prisma, bf.id, { phase: 'done', finishedAt: new Date(ctx.clock.now()), error: null });
    return result('done');
  }
  const ids = pending.map((p) => p.record.id);
  const values = pending.flatMap((p) => (p.matchValue ? [p.matchValue] : []));
  const { issuesByValue, recordsPerValue } = await matchesFor(ctx.prisma, bf.id, values);
  const candidateIds = [...issuesByValue.values()].flat().map((i) => i.id);
  const [linked, linkedIssues, onceLinked] = await Promise.all([
    linksForRecords(ctx.prisma, sci.id, ids),
    ctx.prisma.link.findMany({
      where: { sciId: sci.id, jiraIssueId: { in: candidateIds } },
      select: { jiraIssueId: true },
    }),
    onceLinkedRecords(ctx.prisma, sci.id, ids),
  ]);
  const decisions = planBackfillPage({
    records: pending.map((p) => ({ zohoRecordId: p.record.id, matchValue: p.matchValue })),
    options: bf.options,
    issuesByValue,
    recordsPerValue,
    linkedRecords: new Set(linked.keys()),
    linkedIssues: new Set(linkedIssues.map((l) => l.jiraIssueId)),
    onceLinked,
  });
  const byId = new Map(pending.map((p) => [p.record.id, p]));
  const save = (id: string, out: BackfillOutcome) =>
    setBackfillRecordState(ctx.prisma, bf.id, id, out.state, {
      jiraIssueKey: out.jiraIssueKey ?? null,
      detail: out.detail ?? null,
    });
  for (const d of decisions) {
    heartbeat({ record: d.zohoRecordId });
    const { record, state: before } = byId.get(d.zohoRecordId)!;
    if (bf.dryRun) {
      await save(d.zohoRecordId, planned(d));
      continue;
    }
    const resumed = d.kind === 'skip' && linked.has(d.zohoRecordId) && (before === 'link' || before === 'create');
    if (resumed) {
      // This run was acting on the record when it stopped, and the link is there: it is done.
      const key = linked.get(d.zohoRecordId)!.jiraIssueKey;
      await save(d.zohoRecordId, { state: before === 'link' ? 'linked' : 'created', jiraIssueKey: key, zohoCalls: 0 });
      continue;
    }
    if (d.kind === 'link' || d.kind === 'create') await save(d.zohoRecordId, planned(d));
    await save(d.zohoRecordId, await applyOne(ctx, sci, apis.jira, record, d));
  }
  return result('apply');
}

/** A dry run: what the run would do, in the record's row. */
function planned(d: BackfillDecision): BackfillOutcome {
  switch (d.kind) {
    case 'link':
      return { state: 'link', jiraIssueKey: d.issue.key, zohoCalls: 0 };
    case 'create':
      return { state: 'create', zohoCalls: 0 };
    case 'ambiguous':
      return { state: 'ambiguous', detail: `${d.reason} (${d.issues.map((i) => i.key).join(', ')})`, zohoCalls: 0 };
    case 'skip':
      return { state: 'skipped', detail: d.reason, zohoCalls: 0 };
  }
}

async function applyOne(
  ctx: Ctx,
  sci: SmartConnectedItem,
  jira: Parameters<typeof linkExistingIssue>[2],
  record: ZohoRecord,
  d: BackfillDecision,
): Promise<BackfillOutcome> {
  if (d.kind !== 'link' && d.kind !== 'create') return planned(d);
  try {
    return d.kind === 'link'
      ? await linkExistingIssue(ctx, sci, jira, record, d.issue)
      : await createIssueFor(ctx, sci, record);
  } catch (err) {
    // 429, 5xx, an exhausted Zoho budget: Temporal retries the step; finished records stay finished.
    if (isRetryable(err)) throw err;
    return { state: 'failed', detail: errorText(err), zohoCalls: 0 };
  }
}

/** The workflow stopped (cancelled or failed): remembered, so the admin page says so and a new start resumes. */
export async function stopBackfill(ctx: Ctx, input: { backfillId: string; error: string }): Promise<void> {
  const bf = await loadBackfill(ctx.prisma, input.backfillId);
  if (!bf || bf.phase === 'done') return;
  await updateBackfill(ctx.prisma, bf.id, { finishedAt: new Date(ctx.clock.now()), error: input.error });
}
