/** What a batch activity reports back to the cycle workflow (added into the SyncRun totals). */
import { emptyCycleTotals, type CycleError, type CycleTotals } from '../workflows/core/totals';
import { errorText, isRetryable } from './context';

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

/**
 * One record's failure inside a batch: a retryable one is thrown on (Temporal retries the activity),
 * anything else is counted on the batch with the record's ids and the cycle goes on.
 */
export function noteRecordFailure(
  result: BatchResult,
  err: unknown,
  record: { zohoRecordId: string; jiraIssueKey?: string | null },
  opts: { prefix?: string; modifiedAt?: string } = {},
): void {
  if (isRetryable(err)) throw err;
  noteFailure(
    result,
    {
      zohoRecordId: record.zohoRecordId,
      jiraIssueKey: record.jiraIssueKey ?? undefined,
      message: `${opts.prefix ?? ''}${errorText(err)}`,
    },
    opts.modifiedAt,
  );
}
