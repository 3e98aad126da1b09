/**
 * Reading a workflow history in tests: the activities it ran, regular ones (ActivityTaskScheduled)
 * and local ones (a `core_local_activity` marker whose `data` payload names the activity type), in
 * history order.
 */
import type { WorkflowHandle } from '@temporalio/client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

function localActivityType(e: HistoryEvent): string | undefined {
  const marker = e.markerRecordedEventAttributes;
  if (marker?.markerName !== LOCAL_ACTIVITY_MARKER) return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  if (!data) return undefined;
  const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string };
  return parsed.activity_type;
}

/** Activity type names in history order, regular and local alike. */
export function activitiesRun(history: History): string[] {
  return (history.events ?? []).flatMap(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? localActivityType(e) ?? [],
  );
}

/** Index of the first activity (regular or local) in the history's events, -1 when none. */
export function firstActivityIndex(history: History): number {
  return (history.events ?? []).findIndex(
    (e) => e.activityTaskScheduledEventAttributes || localActivityType(e) !== undefined,
  );
}
