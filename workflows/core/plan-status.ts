/** Status writes in baselines and echo receipts, shared by the planners and the apply step. */
import type { FieldBaseline } from './conflict';
import type { WriteReceipt } from './echo';
import { valueHash } from './values/hash';

export function statusHash(statusId: string): string {
  return valueHash(`status:${statusId}`);
}

/**
 * Record a status write applied outside the planner (when transitions were not known at plan
 * time): returns the baseline entry and receipt to persist.
 */
export function statusWritten(
  side: 'jira' | 'zoho',
  writtenStatusId: string,
  otherSideStatusId: string,
  now: string,
): { baseline: FieldBaseline; receipt: WriteReceipt } {
  const written = statusHash(writtenStatusId);
  const other = statusHash(otherSideStatusId);
  return side === 'jira'
    ? {
        baseline: { jiraHash: written, zohoHash: other },
        receipt: { field: '@status', direction: 'zoho_to_jira', valueHash: written, writtenAt: now },
      }
    : {
        baseline: { zohoHash: written, jiraHash: other },
        receipt: { field: '@status', direction: 'jira_to_zoho', valueHash: written, writtenAt: now },
      };
}
