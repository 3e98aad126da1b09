/** What the server asks Temporal for a dry-run preview: a short read-only workflow on the workers. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PreviewCycleInput } from '../../activities/index';
import type { CyclePreview } from '../../workflows/core/plan-preview';
import { previewWorkflowIdFor } from '../../workflows/ids';
import { TASK_QUEUE } from '../../temporal.config';

/** A preview the workers cannot answer within this is reported as unavailable (the admin may retry). */
const PREVIEW_TIMEOUT_MS = 90_000;

export async function runPreview(
  client: Client,
  input: PreviewCycleInput,
  opts: { taskQueue?: string } = {},
): Promise<CyclePreview & { workflowId: string }> {
  const workflowId = previewWorkflowIdFor(input.sciId ?? null, randomUUID());
  const result = await client.workflow.execute('previewItem', {
    workflowId,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    args: [input],
    workflowExecutionTimeout: PREVIEW_TIMEOUT_MS,
  });
  return { ...(result as CyclePreview), workflowId };
}
