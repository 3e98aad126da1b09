/** Admin: dry-run preview of a Smart Connected Item's next cycle (workflows/core/plan-preview.ts). */
import { z } from 'zod';
import { PREVIEW_ACTIONS } from '../../workflows/core/plan-preview';

export const PREVIEW_ROUTES = {
  previewItem: 'POST /api/admin/items/:id/preview',
  previewDraft: 'POST /api/admin/items/preview',
} as const;

export const previewActionSchema = z.enum(PREVIEW_ACTIONS as [string, ...string[]]);

const fieldChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  direction: z.enum(['zoho_to_jira', 'jira_to_zoho']),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const previewRowSchema = z.object({
  action: previewActionSchema,
  zohoRecordId: z.string(),
  zohoRecordKey: z.string().optional(),
  name: z.string(),
  jiraIssueKey: z.string().optional(),
  changes: z.array(fieldChangeSchema).optional(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  rule: z.string().optional(),
  reason: z.string().optional(),
});

export const cyclePreviewSchema = z.object({
  counts: z.object({
    create: z.number().int(),
    link: z.number().int(),
    update: z.number().int(),
    transition: z.number().int(),
    skip: z.number().int(),
  }),
  unchanged: z.number().int(),
  rows: z.array(previewRowSchema),
  rowLimit: z.number().int(),
  unplanned: z.number().int(),
  fullPass: z.boolean(),
  scanned: z.number().int(),
  zohoCalls: z.number().int(),
  jiraCalls: z.number().int(),
  notices: z.array(z.string()),
  workflowId: z.string(),
});
export type CyclePreviewView = z.infer<typeof cyclePreviewSchema>;
export type PreviewRowView = z.infer<typeof previewRowSchema>;
