/** What a batch activity reports back to the cycle workflow (added into the SyncRun totals). */
import { emptyCycleTotals, type CycleError, type CycleTotals } from '../workflows/core/totals';

export interface BatchResult extends CycleTotals {
  /** Oldest Zoho modified time among failed records: the cursor must not pass it. */
  oldestFailedModifiedAt?: string;
  /** Status moves Jira did not allow (recorded, not failed). */
  noSafeTransition: number;
}

export function emptyBatch(): BatchResult {
  return { ...emptyCycleTotals(), noSafeTransition: 0 };
}

export function noteFailure(result: BatchResult, error: CycleError, modifiedAt?: string): void {
  result.failed += 1;
  result.errors.push(error);
  if (modifiedAt && (!result.oldestFailedModifiedAt || modifiedAt < result.oldestFailedModifiedAt)) {
    result.oldestFailedModifiedAt = modifiedAt;
  }
}
