/** What a batch activity reports back to the cycle workflow (added into the SyncRun totals). */
import type { SyncConflict, SyncError } from '../store/sync-runs';

export interface BatchResult {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  zohoCalls: number;
  jiraCalls: number;
  conflicts: SyncConflict[];
  errors: SyncError[];
  /** Oldest Zoho modified time among failed records: the cursor must not pass it. */
  oldestFailedModifiedAt?: string;
  /** Status moves Jira did not allow (recorded, not failed). */
  noSafeTransition: number;
}

export function emptyBatch(): BatchResult {
  return { created: 0, updated: 0, skipped: 0, failed: 0, zohoCalls: 0, jiraCalls: 0, conflicts: [], errors: [], noSafeTransition: 0 };
}

export function noteFailure(result: BatchResult, error: { zohoRecordId?: string; jiraIssueKey?: string; message: string }, modifiedAt?: string): void {
  result.failed += 1;
  result.errors.push(error);
  if (modifiedAt && (!result.oldestFailedModifiedAt || modifiedAt < result.oldestFailedModifiedAt)) {
    result.oldestFailedModifiedAt = modifiedAt;
  }
}
