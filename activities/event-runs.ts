/**
 * SyncRun rows for event batches (Jira → Zoho), so failures and conflicts of the event-driven
 * direction reach the admin grid too. One entity workflow applies many batches: the batch
 * sequence number keeps (workflowId, runId) unique.
 */
import { emptyCycleTotals } from '../workflows/core/totals';
import { recordFinishedSyncRun } from '../store/sync-runs';
import type { BatchResult } from './batch-result';
import type { Ctx } from './context';

export interface RecordEventRunInput {
  installationId: string;
  sciIds: string[];
  workflowId: string;
  runId: string;
  batch: number;
  result: BatchResult;
}

export async function recordEventRun(ctx: Ctx, input: RecordEventRunInput): Promise<void> {
  const r = input.result;
  // A skipped or refused value is worth a run row even when nothing else happened.
  if (r.updated + r.failed + r.conflicts.length + r.errors.length === 0) return;
  const totals = { ...emptyCycleTotals(), ...r, conflicts: r.conflicts, errors: r.errors };
  // One statement per SCI, all at once (an issue is usually linked once).
  await Promise.all(
    input.sciIds.map((sciId) =>
      recordFinishedSyncRun(
        ctx.prisma,
        {
          installationId: input.installationId,
          sciId,
          kind: 'event',
          workflowId: input.workflowId,
          runId: `${input.runId}#${input.batch}#${sciId}`,
        },
        totals,
      ),
    ),
  );
}
