/**
 * The drift check's own Schedule per Smart Connected Item ("reconcile:<id>", daily by default).
 * A second Schedule rather than a flag on the sync workflow: its cadence (hours) and overlap are its
 * own, a long drift check never makes the five-minute cycle skip (they have different workflow ids),
 * its next run is visible with `describe()`, and replaying old syncItem histories is untouched.
 */
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { TASK_QUEUE } from '../../temporal.config';
import { DEFAULT_RECONCILE_EVERY_HOURS } from '../../workflows/core/zoho-cadence';
import { syncPause, type SyncSwitches } from '../../workflows/core/sync-activity';
import { reconcileScheduleIdFor, reconcileWorkflowIdFor, scheduleIdFor } from '../../workflows/ids';
import type { ReconcileItemInput } from '../../workflows/signals';
import { attributesFor, offsetFor } from './schedule-spread';

/** The part of an item its drift-check Schedule needs (a ScheduledItem fits). */
export interface ReconcileScheduledItem extends SyncSwitches {
  id: string;
  installationId: string;
  name?: string;
  zohoSource: { portalId: string; projectId: string; module: string };
  reconcileEveryHours?: number;
}

/** A missed daily check is run when Temporal is back within this window, not skipped. */
const RECONCILE_CATCHUP_WINDOW_MS = 6 * 60 * 60_000;

export async function upsertReconcileSchedule(
  client: Client,
  sci: ReconcileScheduledItem,
  opts: { taskQueue?: string } = {},
): Promise<void> {
  const intervalMs = (sci.reconcileEveryHours ?? DEFAULT_RECONCILE_EVERY_HOURS) * 60 * 60_000;
  const pause = syncPause(sci);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'reconcileItem',
    workflowId: reconcileWorkflowIdFor(sci.id),
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    args: [{ sciId: sci.id } satisfies ReconcileItemInput],
    typedSearchAttributes: attributesFor(sci.installationId, sci.id),
    memo: { installationId: sci.installationId, sciId: sci.id, sciName: sci.name ?? '' },
  };
  const spec = { intervals: [{ every: intervalMs, offset: offsetFor(sci, intervalMs) }] };
  const policies = {
    overlap: ScheduleOverlapPolicy.SKIP,
    catchupWindow: RECONCILE_CATCHUP_WINDOW_MS,
    pauseOnFailure: false,
  };
  const note = pause ? 'paused: the item does not sync' : `drift check ${sci.name ?? sci.id}`;
  try {
    await client.schedule.create({
      scheduleId: reconcileScheduleIdFor(sci.id),
      spec,
      action,
      policies,
      state: { paused: pause !== null, note },
      memo: { installationId: sci.installationId, sciId: sci.id },
      typedSearchAttributes: attributesFor(sci.installationId, sci.id),
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(reconcileScheduleIdFor(sci.id)).update((prev) => ({
      ...prev,
      spec,
      action,
      policies,
      state: { ...prev.state, paused: pause !== null, note },
    }));
  }
}

export async function deleteReconcileSchedule(client: Client, sciId: string): Promise<void> {
  try {
    await client.schedule.getHandle(reconcileScheduleIdFor(sciId)).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}

/** "Reconcile now": run the drift check at once; skipped when one is already running. */
export async function triggerReconcileNow(client: Client, sciId: string): Promise<void> {
  await client.schedule.getHandle(reconcileScheduleIdFor(sciId)).trigger(ScheduleOverlapPolicy.SKIP);
}

/** When each schedule of the item fires next (health view); null when paused or unknown. */
export async function nextRuns(
  client: Client,
  sciId: string,
): Promise<{ sync: string | null; reconcile: string | null }> {
  const next = async (id: string) => {
    try {
      const d = await client.schedule.getHandle(id).describe();
      if (d.state.paused) return null;
      return d.info.nextActionTimes[0]?.toISOString() ?? null;
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return null;
      throw err;
    }
  };
  const [sync, reconcile] = await Promise.all([next(scheduleIdFor(sciId)), next(reconcileScheduleIdFor(sciId))]);
  return { sync, reconcile };
}
