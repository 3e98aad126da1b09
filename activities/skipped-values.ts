/**
 * A value the planner could not carry over (no matching user, not an option, not a date…) is
 * reported on the record in the run's list, with the planner's reason: never a silent drop.
 */
import type { PlanSkip } from '../workflows/core/plan-types';
import type { CycleError } from '../workflows/core/totals';

export function skippedValues(
  skipped: readonly PlanSkip[],
  where: Pick<CycleError, 'zohoRecordId' | 'jiraIssueKey'>,
): CycleError[] {
  return skipped
    .filter((s) => s.code === 'conversion_failed')
    .map((s) => ({ ...where, message: `skipped "${s.field}": ${s.reason}` }));
}
