/** Activity stubs by preset (temporal.config.ts), shared by the workflows. Types only from activities/. */
import { proxyActivities } from '@temporalio/workflow';
import type { SyncActivities } from '../activities/index';
import { ACTIVITY_PRESETS } from '../temporal.config';

/** Our own database. */
export const store = proxyActivities<SyncActivities>({
  ...ACTIVITY_PRESETS.store,
  retry: { ...ACTIVITY_PRESETS.store.retry },
});
/** Calls to Zoho or Jira (429 waits come from nextRetryDelay). */
export const remote = proxyActivities<SyncActivities>({
  ...ACTIVITY_PRESETS.remoteCall,
  retry: { ...ACTIVITY_PRESETS.remoteCall.retry },
});
/** Paging a Zoho list. */
export const scan = proxyActivities<SyncActivities>({
  ...ACTIVITY_PRESETS.scan,
  retry: { ...ACTIVITY_PRESETS.scan.retry },
});
/** A batch of auto-creates: heartbeated per record. */
export const createBatch = proxyActivities<SyncActivities>({
  ...ACTIVITY_PRESETS.createBatch,
  retry: { ...ACTIVITY_PRESETS.createBatch.retry },
});
