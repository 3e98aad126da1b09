/**
 * Child workflow: one new Zoho record → one Jira issue (+ initial status per Conditional Sync Rule)
 * + auto-managed link + Zoho link note. The cycle creates most records in batch activities
 * (activities/auto-create-batch.ts); this child settles each record a batch could not: one an
 * earlier attempt claimed (a crash, a lost response) or one that kept failing. Its id
 * `create:<sci>:<record>` is the idempotency key: the parent starts it with WorkflowIdReusePolicy
 * ALLOW_DUPLICATE_FAILED_ONLY, so a completed create never reruns, and one record never has two
 * settlers; within it, the intent row + issue property make a lost create response harmless.
 *
 * The create is ONE local activity (intent → search if a retry → create → transition → link): the
 * whole child is a single workflow task, which keeps the Temporal work per record small. A worker
 * that dies mid-create loses the workflow task; its retry runs the activity again, and the intent
 * row and issue property make that second run find the first one's issue instead of creating one.
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { SmartConnectedItem, ZohoRecord } from './core/model';
import type { AutoCreateRecordResult, SyncActivities } from '../activities/index';
import { ACTIVITY_PRESETS } from '../temporal.config';
import { remote } from './activity-options';

/** Enough attempts to outlast the search-consistency horizon on a retry; 429 waits come from nextRetryDelay. */
const creating = proxyLocalActivities<SyncActivities>({
  startToCloseTimeout: ACTIVITY_PRESETS.remoteCall.startToCloseTimeout,
  retry: { ...ACTIVITY_PRESETS.remoteCall.retry, maximumAttempts: 40, maximumInterval: 30_000 },
});

export interface AutoCreateWorkflowInput {
  sciId: string;
  record: ZohoRecord;
  /** The SCI as the cycle read it: no database read of it per record. */
  sci?: SmartConnectedItem;
  /**
   * Write the Zoho link note now (default true). A large intake batch defers notes to later cycles
   * (writeDeferredNotes), so notes never starve the scan of Zoho call budget.
   */
  writeNote?: boolean;
}

/** The activity's outcome plus what happened to the Zoho link note. */
export interface AutoCreateWorkflowResult extends AutoCreateRecordResult {
  note?: 'written' | 'exists' | 'deferred' | 'gone' | 'failed';
}

export async function autoCreate(input: AutoCreateWorkflowInput): Promise<AutoCreateWorkflowResult> {
  const made = await creating.autoCreateRecord({ sciId: input.sciId, record: input.record, sci: input.sci });
  if (made.status === 'skipped' || !made.linkId) return { ...made, status: 'skipped' };
  let note: AutoCreateWorkflowResult['note'] = 'deferred';
  let zohoCalls = made.zohoCalls;
  if (input.writeNote !== false) {
    try {
      const n = await remote.writeLinkNote({ linkId: made.linkId });
      note = n.outcome;
      zohoCalls += n.zohoCalls;
    } catch {
      // The link exists; a later cycle writes the note (Link.zohoNoteCommentId is still empty).
      note = 'failed';
    }
  }
  return { ...made, note, zohoCalls };
}
