/**
 * The scheduled cycle of one Smart Connected Item (Schedule "sci:<id>", every five minutes):
 * begin (SCI, cursor, SyncRun) → pull page by page → apply changed linked records in small
 * batches (one Jira edit per changed issue) → mirror comments/attachments → auto-create new
 * records in batch activities, each record a batch cannot settle through its own child workflow
 * `create:<sci>:<record>` (windows kept full across pages while the scan goes on) → deferred
 * link notes → SyncRun summary + cursor.
 * Per-record failures are recorded and do not abort the cycle; the cursor never passes them.
 */
import { ParentClosePolicy, patched, startChild, workflowInfo, WorkflowIdReusePolicy, log } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ZohoRecord } from './core/model';
import type { PullPagesResult } from '../activities/index';
import { createBatch, remote, scan, store } from './activity-options';
import { autoCreate, type AutoCreateWorkflowResult } from './auto-create';
import { autoCreateWorkflowIdFor } from './ids';
import type { SyncItemInput } from './signals';
import { chunk, runLimited, taskPool } from './concurrency';
import { addInto, emptyCycleTotals, laterIso, runStatus, type CycleTotals } from './core/totals';

/** Records per apply activity: small, so a retried batch redoes little. */
const APPLY_BATCH = 20;
const APPLY_CONCURRENCY = 4;
/** Auto-create children in flight (kept full across pages). */
const CREATE_CONCURRENCY = 120;
/** New records per auto-create batch activity, and batches in flight (kept full across pages). */
const CREATE_BATCH = 25;
const CREATE_BATCHES_IN_FLIGHT = 6;
/**
 * Runs recorded before this patch started one child workflow per new record; with it, new records
 * go through batch activities and only the ones a batch cannot settle get their child workflow.
 */
export const CREATE_IN_BATCHES_PATCH = 'create-in-batches';
/** Comments/attachments of an issue created in this cycle are mirrored in this cycle, not the next. */
export const MIRROR_CREATED_PATCH = 'mirror-created';
/**
 * Runs recorded before this patch never revisited a status Jira had not reached; with it, each cycle
 * starts by walking the unsettled links of the item on toward their target status.
 */
export const SETTLE_STATUSES_PATCH = 'settle-statuses';
/** Above this many new records in one batch, link notes are deferred to later cycles (Zoho budget). */
const INLINE_NOTES_MAX = 20;
/** Upper bound on pages per cycle (200 000 records at 200 per page). Pages are read several per activity. */
const MAX_PAGES = 1000;

export interface SyncItemResult {
  status: 'skipped' | 'succeeded' | 'partial' | 'failed';
  reason?: string;
  syncRunId?: string;
  totals?: CycleTotals;
  pages?: number;
  noSafeTransition?: number;
  /** Records this cycle left needing attention (e.g. no workflow path to the target status). */
  needsAttention?: number;
}

function minusOneMs(iso: string): string {
  return new Date(Date.parse(iso) - 1).toISOString();
}

export async function syncItem(input: SyncItemInput): Promise<SyncItemResult> {
  const info = workflowInfo();
  const begin = await store.beginCycle({ sciId: input.sciId, workflowId: info.workflowId, runId: info.runId });
  if (begin.status === 'skip') return { status: 'skipped', reason: begin.reason };

  const totals = emptyCycleTotals();
  let maxSeen: string | null = null;
  let oldestFailed: string | null = null;
  let noSafeTransition = 0;
  let pages = 0;
  const failedAt = (iso: string | undefined) => {
    if (iso && (!oldestFailed || iso < oldestFailed)) oldestFailed = iso;
  };

  const applyChanged = async (changed: Array<{ record: ZohoRecord; linkId: string }>) => {
    await runLimited(chunk(changed, APPLY_BATCH), APPLY_CONCURRENCY, async (items) => {
      const r = await remote.applyZohoChanges({ sciId: input.sciId, items });
      addInto(totals, r);
      noSafeTransition += r.noSafeTransition;
      failedAt(r.oldestFailedModifiedAt);
      if (r.mirrorLinkIds.length > 0) {
        const m = await remote.mirrorFromZoho({ sciId: input.sciId, linkIds: r.mirrorLinkIds });
        addInto(totals, { ...m, updated: 0, skipped: 0 });
      }
    });
  };

  const mirrorCreated = async (linkIds: string[]) => {
    if (linkIds.length === 0 || !(begin.mirrorComments || begin.mirrorAttachments)) return;
    if (!patched(MIRROR_CREATED_PATCH)) return;
    const m = await remote.mirrorFromZoho({ sciId: input.sciId, linkIds });
    addInto(totals, { ...m, updated: 0, skipped: 0 });
  };

  const creates = taskPool(CREATE_CONCURRENCY);
  const createOne = async (record: ZohoRecord, writeNote: boolean) => {
    let result: AutoCreateWorkflowResult;
    try {
      const child = await startChild(autoCreate, {
        workflowId: autoCreateWorkflowIdFor(input.sciId, record.id),
        args: [{ sciId: input.sciId, record, sci: begin.sci, writeNote }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      result = await child.result();
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        totals.skipped += 1; // created by an earlier cycle (or still being created)
        return;
      }
      totals.failed += 1;
      addInto(totals, {
        errors: [{ zohoRecordId: record.id, message: `Auto-create failed: ${String((err as Error).cause ?? err)}` }],
      });
      failedAt(record.modifiedAt);
      return;
    }
    totals.zohoCalls += result.zohoCalls;
    totals.jiraCalls += result.jiraCalls;
    if (result.status === 'created') totals.created += 1;
    else totals.skipped += 1;
    if (result.status === 'created' && result.linkId) await mirrorCreated([result.linkId]);
    if (result.statusMove === 'no_safe_transition') {
      noSafeTransition += 1;
      addInto(totals, {
        needsAttention: 1,
        errors: [
          {
            zohoRecordId: record.id,
            jiraIssueKey: result.jiraIssueKey,
            message: `Needs attention (no safe transition): ${result.statusReason ?? ''}`,
          },
        ],
      });
    }
  };
  const batches = taskPool(CREATE_BATCHES_IN_FLIGHT);
  const createBatched = async (records: ZohoRecord[], writeNote: boolean) => {
    let handOver: ZohoRecord[];
    try {
      const r = await createBatch.autoCreateBatch({
        sciId: input.sciId,
        records,
        sci: begin.sci,
        writeNotes: writeNote,
      });
      totals.zohoCalls += r.zohoCalls;
      totals.jiraCalls += r.jiraCalls;
      for (const made of r.settled) {
        if (made.status === 'created') totals.created += 1;
        else totals.skipped += 1;
        if (made.statusMove === 'no_safe_transition') {
          noSafeTransition += 1;
          addInto(totals, {
            needsAttention: 1,
            errors: [
              {
                zohoRecordId: made.zohoRecordId,
                jiraIssueKey: made.jiraIssueKey,
                message: `Needs attention (no safe transition): ${made.statusReason ?? ''}`,
              },
            ],
          });
        }
      }
      await mirrorCreated(r.settled.flatMap((m) => (m.status === 'created' && m.linkId ? [m.linkId] : [])));
      const unsettled = new Set(r.handOver.map((x) => x.zohoRecordId));
      handOver = records.filter((record) => unsettled.has(record.id));
    } catch (err) {
      log.warn('auto-create batch failed; its records go to their child workflows', {
        sciId: input.sciId,
        error: String(err),
      });
      handOver = records;
    }
    for (const record of handOver) creates.add(() => createOne(record, writeNote));
  };
  const createFresh = (fresh: ZohoRecord[]) => {
    if (fresh.length === 0) return;
    const writeNote = fresh.length <= INLINE_NOTES_MAX;
    if (patched(CREATE_IN_BATCHES_PATCH)) {
      for (const records of chunk(fresh, CREATE_BATCH)) batches.add(() => createBatched(records, writeNote));
    } else {
      for (const record of fresh) creates.add(() => createOne(record, writeNote));
    }
  };

  try {
    // First the links whose Jira status has not reached its target yet (earlier cycles' walks):
    // before this cycle's changes, so a link walked below is not walked (or counted) twice.
    if (patched(SETTLE_STATUSES_PATCH)) {
      const settled = await remote.settleStatuses({ sciId: input.sciId });
      addInto(totals, settled);
      noSafeTransition += settled.noSafeTransition;
    }
    // A source that refuses the modified-time filter switches to the page scan mid-cycle: keep it.
    let serverOrdered = begin.serverOrdered;
    for (let page: number | null = 1; page !== null && page <= MAX_PAGES;) {
      const p: PullPagesResult = await scan.pullPages({
        sciId: input.sciId,
        fromPage: page,
        modifiedAfter: begin.modifiedAfter,
        serverOrdered,
      });
      pages += p.pagesRead;
      page = p.nextPage;
      serverOrdered = p.serverOrdered ?? serverOrdered;
      if (p.notices?.length) addInto(totals, { errors: p.notices.map((message) => ({ message })) });
      totals.zohoCalls += p.zohoCalls;
      totals.skipped += p.skippedByRule + (p.skippedOnceLinked ?? 0);
      if (begin.modifiedAfter === null) totals.skipped += p.unchanged;
      maxSeen = laterIso(maxSeen, p.maxModifiedAt);
      createFresh(p.fresh);
      await applyChanged(p.changed);
      // Read the next page while creates still run, but never queue more than a window ahead.
      await batches.atMost(CREATE_BATCHES_IN_FLIGHT);
      await creates.atMost(CREATE_CONCURRENCY);
    }
    await batches.drain();
    await creates.drain();
    if (begin.autoCreate) {
      const notes = await remote.writeDeferredNotes({ sciId: input.sciId });
      totals.zohoCalls += notes.zohoCalls;
      addInto(totals, { errors: notes.errors.map((message) => ({ message })) });
    }
  } catch (err) {
    addInto(totals, {
      errors: [{ message: `Cycle stopped: ${String((err as Error).cause ?? (err as Error).message ?? err)}` }],
    });
    await store.finishCycle({
      sciId: input.sciId,
      syncRunId: begin.syncRunId,
      fingerprint: begin.fingerprint,
      totals,
      cursor: null,
      fullScan: false,
      status: 'failed',
    });
    log.error('sync cycle failed', { sciId: input.sciId, error: String(err) });
    throw err;
  }

  const cursor = oldestFailed ? minusOneMs(oldestFailed) : maxSeen;
  const status = runStatus(totals);
  await store.finishCycle({
    sciId: input.sciId,
    syncRunId: begin.syncRunId,
    fingerprint: begin.fingerprint,
    totals,
    cursor: cursor && maxSeen && cursor > maxSeen ? maxSeen : cursor,
    fullScan: begin.modifiedAfter === null,
    status,
  });
  return {
    status,
    syncRunId: begin.syncRunId,
    totals,
    pages,
    noSafeTransition,
    needsAttention: totals.needsAttention,
  };
}
