/** Admin API of reconciliation (drift check) per Smart Connected Item. */
import { z } from 'zod';

export const reconcileNowResultSchema = z.object({
  scheduleId: z.string(),
  workflowId: z.string(),
  temporalUrl: z.string(),
});

/** The latest drift check of an item, shown in the grid as "drift found N / fixed M". */
export const latestReconcileSchema = z.object({
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  driftFound: z.number(),
  driftFixed: z.number(),
  temporalUrl: z.string(),
});
export type LatestReconcile = z.infer<typeof latestReconcileSchema>;
