/**
 * Entity workflow per (installation, Jira issue): the server's event relay signalWithStarts it with
 * the issue's pending outbox events (one `jiraIssueEvents` signal may carry several, each with its
 * EventReceipt id; a re-sent receipt id is ignored, so an event is applied once even when the relay
 * crashed between the signal and marking the row). The older one-event `jiraIssueEvent` signal is
 * still handled. It applies queued events to the linked Zoho records in ONE (local) activity per batch (which also
 * records the batch's SyncRun), continues as new when the history grows (carrying queued events,
 * after all handlers finished), and ends when idle for a while. Ordering per issue is preserved by
 * construction.
 *
 * Batching is natural: the first event after a quiet spell is applied at once; events arriving while
 * a batch is being applied form the next batch, so bursts coalesce without a timer on the path of a
 * lone event. (Runs recorded before the `apply-at-once` patch waited COALESCE_MS and recorded the run
 * in a second activity; the patch keeps their histories replayable. Since the `apply-local` patch a
 * batch is a local activity, see `applyLocally`.)
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { SyncActivities } from '../activities/index';
import { ACTIVITY_PRESETS } from '../temporal.config';
import { remote, store } from './activity-options';
import {
  type IssueEventsInput,
  type JiraIssueEvent,
  issueEventsStatusQuery,
  jiraIssueEventSignal,
  jiraIssueEventsSignal,
} from './signals';

/** Coalescing window of runs started before the `apply-at-once` patch. */
export const COALESCE_MS = 150;
/** The workflow ends after this long without events (the next event starts a new one). */
export const IDLE_MS = 10 * 60_000;
const MAX_BATCH = 100;
/** Continue as new after this many batches even if the server does not suggest it yet. */
const MAX_BATCHES_PER_RUN = 500;
export const APPLY_AT_ONCE_PATCH = 'apply-at-once';
/** Batches after this patch are applied by a local activity (runs recorded before it: a regular one). */
export const APPLY_LOCAL_PATCH = 'apply-local';

/**
 * The batch as a local activity: it runs inside the workflow task that received the signal, so an
 * event reaches Zoho without an activity task going through Temporal's matching, and Temporal
 * records one marker instead of scheduled/started/completed plus a second workflow task (about half
 * the Temporal work per batch). The activity is idempotent (receipts, mirrors), as it must be either
 * way; retries keep the remote preset, and a wait past a minute (a 429) becomes a durable timer.
 */
const applyLocally = proxyLocalActivities<SyncActivities>({
  startToCloseTimeout: ACTIVITY_PRESETS.remoteCall.startToCloseTimeout,
  retry: { ...ACTIVITY_PRESETS.remoteCall.retry },
});
/** Receipt ids remembered for de-duplication (the relay re-sends within its lease, seconds to minutes). */
export const SEEN_RECEIPTS = 2_000;

export interface IssueEventsOptions {
  /** Extra wait before applying a batch (default: none; runs before the patch: COALESCE_MS). */
  coalesceMs?: number;
  idleMs?: number;
}

export async function issueEvents(input: IssueEventsInput & IssueEventsOptions): Promise<{ applied: number }> {
  const pending: Array<JiraIssueEvent & { receiptId?: string }> = [...(input.pending ?? [])];
  let received = pending.length;
  let applied = 0;
  let duplicates = 0;
  // Insertion-ordered: the oldest id is dropped first.
  const seen = new Set<string>(input.seenReceiptIds ?? []);
  setHandler(jiraIssueEventSignal, (event) => {
    pending.push(event);
    received += 1;
  });
  setHandler(jiraIssueEventsSignal, ({ events }) => {
    for (const event of events) {
      if (seen.has(event.receiptId)) {
        duplicates += 1;
        continue;
      }
      seen.add(event.receiptId);
      if (seen.size > SEEN_RECEIPTS) seen.delete(seen.values().next().value!);
      pending.push(event);
      received += 1;
    }
  });
  setHandler(issueEventsStatusQuery, () => ({ received, applied, pending: pending.length, duplicates }));

  const info = workflowInfo();
  for (let batch = 1; ; batch += 1) {
    const woke = await condition(() => pending.length > 0, input.idleMs ?? IDLE_MS);
    if (!woke) break;
    // A run since apply-local records that one patch only (each patch costs a marker and a search
    // attribute update); runs from before it still find their apply-at-once marker.
    const local = patched(APPLY_LOCAL_PATCH);
    const atOnce = local || patched(APPLY_AT_ONCE_PATCH);
    const coalesceMs = input.coalesceMs ?? (atOnce ? 0 : COALESCE_MS);
    if (coalesceMs > 0) await sleep(coalesceMs);
    // The activity takes plain events: the receipt id only serves de-duplication here.
    const events: JiraIssueEvent[] = pending.splice(0, MAX_BATCH).map(({ receiptId: _receiptId, ...event }) => event);
    const base = { installationId: input.installationId, jiraIssueId: input.jiraIssueId, events };
    if (atOnce) {
      const apply = local ? applyLocally : remote;
      await apply.applyJiraEvents({ ...base, run: { workflowId: info.workflowId, runId: info.runId, batch } });
    } else {
      const result = await remote.applyJiraEvents(base);
      if (result.sciIds.length > 0) {
        await store.recordEventRun({
          installationId: input.installationId,
          sciIds: result.sciIds,
          workflowId: info.workflowId,
          runId: info.runId,
          batch,
          result,
        });
      }
    }
    applied += events.length;
    if (workflowInfo().continueAsNewSuggested || batch >= MAX_BATCHES_PER_RUN) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof issueEvents>({
        installationId: input.installationId,
        jiraIssueId: input.jiraIssueId,
        pending: [...pending],
        seenReceiptIds: [...seen],
        coalesceMs: input.coalesceMs,
        idleMs: input.idleMs,
      });
    }
  }
  await condition(allHandlersFinished);
  return { applied };
}
