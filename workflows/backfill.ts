/**
 * Backfill of one Smart Connected Item (workflow `backfill:<sciId>`): one step per run — a Zoho page,
 * a Jira search page or a batch of records (activities/backfill.ts) — then continue-as-new, so the
 * history stays small however many records there are. All progress is in PostgreSQL: a killed worker
 * retries the step elsewhere, a cancelled backfill is started again from where it stopped.
 */
import { CancellationScope, continueAsNew, isCancellation } from '@temporalio/workflow';
import type { BackfillStepResult } from '../activities/index';
import { scan, store } from './activity-options';
import type { BackfillInput } from './signals';
import { BACKFILL_CANCELLED } from './core/plan-backfill';

export async function backfill(input: BackfillInput): Promise<BackfillStepResult> {
  let step: BackfillStepResult;
  try {
    step = await scan.backfillStep({ backfillId: input.backfillId });
  } catch (err) {
    const error = isCancellation(err) ? BACKFILL_CANCELLED : `Backfill stopped: ${String((err as Error).cause ?? err)}`;
    await CancellationScope.nonCancellable(() => store.stopBackfill({ backfillId: input.backfillId, error }));
    throw err;
  }
  if (step.done) return step;
  return continueAsNew<typeof backfill>(input);
}
