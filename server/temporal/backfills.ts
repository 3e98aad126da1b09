/** What the server does to Temporal for a backfill: start `backfill:<sciId>` (one at a time), cancel it. */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { BackfillInput } from '../../workflows/signals';
import { backfillWorkflowIdFor } from '../../workflows/ids';
import { TASK_QUEUE } from '../../temporal.config';

export async function backfillRunning(client: Client, sciId: string): Promise<boolean> {
  try {
    const d = await client.workflow.getHandle(backfillWorkflowIdFor(sciId)).describe();
    return d.status.name === 'RUNNING';
  } catch {
    return false; // never started
  }
}

/** false when a backfill of the item is running already. */
export async function startBackfill(
  client: Client,
  input: BackfillInput,
  opts: { taskQueue?: string } = {},
): Promise<boolean> {
  try {
    await client.workflow.start('backfill', {
      workflowId: backfillWorkflowIdFor(input.sciId),
      taskQueue: opts.taskQueue ?? TASK_QUEUE,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** false when no backfill of the item was running. */
export async function cancelBackfill(client: Client, sciId: string): Promise<boolean> {
  if (!(await backfillRunning(client, sciId))) return false;
  await client.workflow.getHandle(backfillWorkflowIdFor(sciId)).cancel();
  return true;
}
