/**
 * Entity workflow per (installation, Jira issue): the server signalWithStarts it with every Jira
 * event. It coalesces bursts (a short window), applies them to the linked Zoho records in one
 * activity, continues as new when the history grows (carrying queued events, after all handlers
 * finished), and ends when idle for a while. Ordering per issue is preserved by construction.
 */
import {
  allHandlersFinished, condition, continueAsNew, setHandler, sleep, workflowInfo,
} from '@temporalio/workflow';
import { remote, store } from './activity-options';
import {
  type IssueEventsInput, type JiraIssueEvent, issueEventsStatusQuery, jiraIssueEventSignal,
} from './signals';

/** Events arriving within this window after the first are applied together. */
export const COALESCE_MS = 150;
/** The workflow ends after this long without events (the next event starts a new one). */
export const IDLE_MS = 10 * 60_000;
const MAX_BATCH = 100;
/** Continue as new after this many batches even if the server does not suggest it yet. */
const MAX_BATCHES_PER_RUN = 500;

export interface IssueEventsOptions {
  coalesceMs?: number;
  idleMs?: number;
}

export async function issueEvents(input: IssueEventsInput & IssueEventsOptions): Promise<{ applied: number }> {
  const pending: JiraIssueEvent[] = [...(input.pending ?? [])];
  let received = pending.length;
  let applied = 0;
  setHandler(jiraIssueEventSignal, (event) => {
    pending.push(event);
    received += 1;
  });
  setHandler(issueEventsStatusQuery, () => ({ received, applied, pending: pending.length }));

  const info = workflowInfo();
  for (let batch = 1; ; batch += 1) {
    const woke = await condition(() => pending.length > 0, input.idleMs ?? IDLE_MS);
    if (!woke) break;
    await sleep(input.coalesceMs ?? COALESCE_MS);
    const events = pending.splice(0, MAX_BATCH);
    const result = await remote.applyJiraEvents({ installationId: input.installationId, jiraIssueId: input.jiraIssueId, events });
    applied += events.length;
    if (result.sciIds.length > 0) {
      await store.recordEventRun({
        installationId: input.installationId, sciIds: result.sciIds, workflowId: info.workflowId, runId: info.runId, batch, result,
      });
    }
    if (workflowInfo().continueAsNewSuggested || batch >= MAX_BATCHES_PER_RUN) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof issueEvents>({
        installationId: input.installationId, jiraIssueId: input.jiraIssueId, pending: [...pending],
        coalesceMs: input.coalesceMs, idleMs: input.idleMs,
      });
    }
  }
  await condition(allHandlersFinished);
  return { applied };
}
