/** Admin: backfill of existing records (workflows/core/plan-backfill.ts, workflows/backfill.ts). */
import { z } from 'zod';

export const BACKFILL_ROUTES = {
  startBackfill: 'POST /api/admin/items/:id/backfill',
  backfillProgress: 'GET /api/admin/items/:id/backfill',
  cancelBackfill: 'POST /api/admin/items/:id/backfill/cancel',
} as const;

export const backfillMatchSchema = z.discriminatedUnion('by', [
  z.object({
    by: z.literal('field'),
    /** A Jira field holding the Zoho key or id: a text custom field (customfield_…) or labels. */
    jiraFieldId: z.string().regex(/^(labels|customfield_\d{1,10})$/),
    zohoValue: z.enum(['key', 'id']),
  }),
  z.object({ by: z.literal('summary') }),
]);

export const backfillBodySchema = z
  .object({
    dryRun: z.boolean(),
    match: backfillMatchSchema.nullable(),
    createRest: z.boolean(),
  })
  .refine((b) => b.match !== null || b.createRest, {
    message: 'Choose a match, or create issues for the records, or both.',
    path: ['match'],
  });
export type BackfillBody = z.infer<typeof backfillBodySchema>;

export const backfillStartedSchema = z.object({
  backfillId: z.string(),
  workflowId: z.string(),
  /** A stopped run with the same options was resumed instead of starting over. */
  resumed: z.boolean(),
});

export const backfillStateSchema = z.enum([
  'pending',
  'link',
  'create',
  'linked',
  'created',
  'ambiguous',
  'skipped',
  'failed',
]);

export const backfillProgressSchema = z.object({
  id: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  phase: z.enum(['zoho', 'jira', 'apply', 'done']),
  match: backfillMatchSchema.nullable(),
  createRest: z.boolean(),
  /** Zoho records read so far (all of them once the phase is past `zoho`). */
  total: z.number().int(),
  processed: z.number().int(),
  linked: z.number().int(),
  created: z.number().int(),
  ambiguous: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Dry run: what a run would do. */
  wouldLink: z.number().int(),
  wouldCreate: z.number().int(),
  jiraScanned: z.number().int(),
  error: z.string().nullable(),
  workflowId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rows: z.array(
    z.object({
      zohoRecordId: z.string(),
      zohoRecordKey: z.string().optional(),
      name: z.string(),
      state: backfillStateSchema,
      jiraIssueKey: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});
export type BackfillProgress = z.infer<typeof backfillProgressSchema>;

export const backfillProgressResultSchema = z.object({
  /** The newest run and the newest dry run of the item. */
  run: backfillProgressSchema.nullable(),
  dryRun: backfillProgressSchema.nullable(),
});
export type BackfillProgressResult = z.infer<typeof backfillProgressResultSchema>;
