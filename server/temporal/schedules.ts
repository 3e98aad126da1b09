/**
 * Everything the server does to Temporal, in one place: one Schedule per Smart Connected Item,
 * "sync now", Jira events into the per-issue entity workflow, and panel refreshes.
 * Workflow type names are strings so the server never loads workflow code.
 */
import { randomUUID } from 'node:crypto';
import {
  Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowHandle,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { SCHEDULE_CATCHUP_WINDOW_MS, SYNC_INTERVAL_MS, TASK_QUEUE } from '../../temporal.config';
import type { SmartConnectedItem } from '../../workflows/core/model';
import { SYNC_PAUSE_MESSAGES, syncPause, type SyncSwitches } from '../../workflows/core/sync-activity';
import { issueEventsWorkflowIdFor, refreshWorkflowIdFor, scheduleIdFor, syncWorkflowIdFor } from '../../workflows/ids';
import { upsertReconcileSchedule, deleteReconcileSchedule } from './reconcile-schedule';
import { attributesFor, offsetFor } from './schedule-spread';
import {
  IssueEventsInput,
  JiraIssueEvent,
  jiraIssueEventSignal,
  jiraIssueEventsSignal,
  type ReceiptedJiraIssueEvent,
  RefreshLinkInput,
  SyncItemInput,
} from '../../workflows/signals';

/** The part of a Smart Connected Item a schedule needs. */
export interface ScheduledItem extends SyncSwitches {
  id: string;
  installationId: string;
  name?: string;
  installationStatus: string;
  /**
   * The Zoho source. SCIs reading the same source get the same offset inside the interval, so
   * their cycles run together and share one page scan (activities/pull.ts). Required: without it
   * every item got its own offset and the shared scan rarely hit.
   */
  zohoSource: { portalId: string; projectId: string; module: string };
  /** The item's Zoho → Jira cadence (the schedule's interval); five minutes when unset. */
  zohoCadenceMinutes?: number;
  /** The drift check's cadence (Schedule "reconcile:<id>"); daily when unset. */
  reconcileEveryHours?: number;
}

/** A stored item (Prisma column names) as its schedule sees it; every upsertSchedule caller uses this. */
export function scheduledItemOf(
  row: Pick<
    SmartConnectedItem,
    'id' | 'installationId' | 'name' | 'enabled' | 'mode' | 'zohoPortalId' | 'zohoProjectId' | 'zohoModule'
  > & { zohoCadenceMinutes?: number; reconcileEveryHours?: number },
  installationStatus: string,
): ScheduledItem {
  return {
    ...(row.zohoCadenceMinutes ? { zohoCadenceMinutes: row.zohoCadenceMinutes } : {}),
    ...(row.reconcileEveryHours ? { reconcileEveryHours: row.reconcileEveryHours } : {}),
    id: row.id,
    installationId: row.installationId,
    name: row.name,
    enabled: row.enabled,
    mode: row.mode,
    installationStatus,
    zohoSource: { portalId: row.zohoPortalId, projectId: row.zohoProjectId, module: row.zohoModule },
  };
}

export { offsetFor } from './schedule-spread';

export interface ScheduleOptionsOverride {
  taskQueue?: string;
  intervalMs?: number;
}

/**
 * Create or update the Schedule of an SCI (every `zohoCadenceMinutes`, five by default) and its
 * drift-check Schedule; both paused unless the core says it syncs.
 */
export async function upsertSchedule(
  client: Client,
  sci: ScheduledItem,
  opts: ScheduleOptionsOverride = {},
): Promise<void> {
  await upsertSyncSchedule(client, sci, opts);
  await upsertReconcileSchedule(client, sci, { taskQueue: opts.taskQueue });
}

async function upsertSyncSchedule(client: Client, sci: ScheduledItem, opts: ScheduleOptionsOverride): Promise<void> {
  const intervalMs = opts.intervalMs ?? (sci.zohoCadenceMinutes ? sci.zohoCadenceMinutes * 60_000 : SYNC_INTERVAL_MS);
  const taskQueue = opts.taskQueue ?? TASK_QUEUE;
  const pause = syncPause(sci);
  const note = pause ? `paused: ${SYNC_PAUSE_MESSAGES[pause]}` : `sync ${sci.name ?? sci.id}`;
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'syncItem',
    workflowId: syncWorkflowIdFor(sci.id),
    taskQueue,
    args: [{ sciId: sci.id } satisfies SyncItemInput],
    typedSearchAttributes: attributesFor(sci.installationId, sci.id),
    memo: { installationId: sci.installationId, sciId: sci.id, sciName: sci.name ?? '' },
  };
  const spec = { intervals: [{ every: intervalMs, offset: offsetFor(sci, intervalMs) }] };
  const policies = {
    overlap: ScheduleOverlapPolicy.SKIP,
    catchupWindow: SCHEDULE_CATCHUP_WINDOW_MS,
    pauseOnFailure: false,
  };
  try {
    await client.schedule.create({
      scheduleId: scheduleIdFor(sci.id),
      spec,
      action,
      policies,
      state: { paused: pause !== null, note },
      memo: { installationId: sci.installationId, sciId: sci.id },
      typedSearchAttributes: attributesFor(sci.installationId, sci.id),
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    const handle = client.schedule.getHandle(scheduleIdFor(sci.id));
    await handle.update((prev) => ({
      ...prev,
      spec,
      action,
      policies,
      state: { ...prev.state, paused: pause !== null, note },
    }));
  }
}

/** Deleting an SCI deletes its schedules; a schedule that is already gone is fine. */
export async function deleteSchedule(client: Client, sciId: string): Promise<void> {
  try {
    await client.schedule.getHandle(scheduleIdFor(sciId)).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await deleteReconcileSchedule(client, sciId);
}

/** Run the SCI's cycle now; skipped when one is already running (the schedule's overlap policy). */
export async function triggerSyncNow(client: Client, sciId: string): Promise<void> {
  await client.schedule.getHandle(scheduleIdFor(sciId)).trigger(ScheduleOverlapPolicy.SKIP);
}

/** What starting the entity workflow of an event's issue takes (when signalWithStart has to start it). */
function entityStart(
  event: Pick<JiraIssueEvent, 'installationId' | 'jiraIssueId' | 'jiraIssueKey'>,
  taskQueue?: string,
) {
  const input: IssueEventsInput = { installationId: event.installationId, jiraIssueId: event.jiraIssueId };
  return {
    workflowId: issueEventsWorkflowIdFor(event.installationId, event.jiraIssueId),
    taskQueue: taskQueue ?? TASK_QUEUE,
    args: [input] as [IssueEventsInput],
    typedSearchAttributes: attributesFor(event.installationId),
    memo: { jiraIssueKey: event.jiraIssueKey },
  };
}

/** Deliver one Jira event to the issue's entity workflow, starting it when it is not running (the pre-outbox signal). */
export async function signalIssueEvent(
  client: Client,
  payload: JiraIssueEvent,
  opts: { taskQueue?: string } = {},
): Promise<WorkflowHandle> {
  return client.workflow.signalWithStart('issueEvents', {
    ...entityStart(payload, opts.taskQueue),
    signal: jiraIssueEventSignal,
    signalArgs: [payload],
  });
}

/** Several outbox events of ONE issue (in arrival order) in one signalWithStart of its entity workflow. */
export async function signalIssueEvents(
  client: Client,
  events: ReceiptedJiraIssueEvent[],
  opts: { taskQueue?: string } = {},
): Promise<WorkflowHandle> {
  return client.workflow.signalWithStart('issueEvents', {
    ...entityStart(events[0], opts.taskQueue),
    signal: jiraIssueEventsSignal,
    signalArgs: [{ events }],
  });
}

/**
 * Panel "Refresh": re-sync one link now (Zoho → Jira). Returns the handle so the caller can await
 * `handle.result()` (a RefreshLinkResult) before answering the panel.
 */
export async function startRefreshLink(
  client: Client,
  input: RefreshLinkInput,
  opts: { taskQueue?: string; nonce?: string } = {},
): Promise<WorkflowHandle> {
  return client.workflow.start('refreshLink', {
    workflowId: refreshWorkflowIdFor(input.linkId, opts.nonce ?? randomUUID()),
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    args: [input],
    typedSearchAttributes: attributesFor(input.installationId),
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
}
