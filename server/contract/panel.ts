/** Issue panel API (Forge module jira:issuePanel). The issue comes from the FIT's context, never from input. */
import { z } from 'zod';
import { ATTENTION_KINDS } from '../../workflows/core/attention';
import { LINK_ORIGINS, SYNC_MODES, ZOHO_MODULES } from '../../workflows/core/model';

export const PANEL_ROUTES = {
  items: 'GET /api/panel/items',
  search: 'GET /api/panel/items/:sciId/search',
  link: 'POST /api/panel/items/:sciId/link',
  linkPreview: 'POST /api/panel/items/:sciId/link/preview',
  unlink: 'DELETE /api/panel/items/:sciId/link',
  refresh: 'POST /api/panel/items/:sciId/refresh',
  associations: 'GET /api/panel/items/:sciId/associations',
} as const;

export const MIN_SEARCH_LENGTH = 2;

export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(MIN_SEARCH_LENGTH, `Type at least ${MIN_SEARCH_LENGTH} characters to search Zoho Projects.`)
    .max(200),
});
export const linkBodySchema = z.object({ zohoRecordId: z.string().regex(/^\d{1,25}$/) });

/** What linking a record will change on its first sync (computed by the sync planner itself). */
export const linkPreviewSchema = z.object({
  record: z.object({ id: z.string(), key: z.string().nullable(), name: z.string() }),
  writes: z.boolean(),
  changes: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      direction: z.enum(['zoho_to_jira', 'jira_to_zoho']),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
  kept: z.array(z.object({ field: z.string(), label: z.string(), reason: z.string() })),
});
export type LinkPreviewResult = z.infer<typeof linkPreviewSchema>;

export const previewFieldSchema = z.object({ field: z.string(), label: z.string(), value: z.string() });
export const recordSummarySchema = z.object({
  id: z.string(),
  key: z.string().nullable(),
  name: z.string(),
  status: z.string().nullable(),
  url: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const panelLinkSchema = z.object({
  id: z.string(),
  origin: z.enum(LINK_ORIGINS),
  record: recordSummarySchema,
  preview: z.array(previewFieldSchema),
  /** ISO time the preview was read from Zoho. */
  fetchedAt: z.string(),
  /** Set when the preview could not be loaded (Zoho down, record deleted): the link itself stays. */
  previewError: z.string().nullable(),
  /** Why this record cannot be synced now, in words (e.g. no workflow path); null when it syncs. */
  needsAttention: z.string().nullable(),
  /** Every reason the record needs attention (status first, then refused values, unmapped users), each with what to do. */
  attention: z.array(
    z.object({
      kind: z.enum(ATTENTION_KINDS),
      field: z.string(),
      reason: z.string(),
      whatToDo: z.string(),
    }),
  ),
});

export const panelItemSchema = z.object({
  sci: z.object({
    id: z.string(),
    name: z.string(),
    mode: z.enum(SYNC_MODES),
    zohoModule: z.enum(ZOHO_MODULES),
    zohoProjectName: z.string().nullable(),
    showAssociations: z.boolean(),
  }),
  link: panelLinkSchema.nullable(),
  actions: z.object({ link: z.boolean(), unlink: z.boolean(), refresh: z.boolean(), open: z.boolean() }),
  /** Why Unlink is not offered, e.g. for an auto-managed link. */
  unlinkBlockedReason: z.string().nullable(),
});
export type PanelItem = z.infer<typeof panelItemSchema>;

export const panelItemsSchema = z.object({
  issue: z.object({ id: z.string(), key: z.string() }),
  zohoConnected: z.boolean(),
  items: z.array(panelItemSchema),
});

export const searchResultSchema = z.object({ records: z.array(recordSummarySchema) });

export const ASSOCIATION_RELATIONS = ['comments', 'followers', 'attachments', 'tasks', 'issues'] as const;
export const associationGroupSchema = z.object({
  relation: z.enum(ASSOCIATION_RELATIONS),
  label: z.string(),
  records: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      subtitle: z.string().nullable(),
      url: z.string().nullable(),
    }),
  ),
  /** Set when this group could not be loaded (the other groups still show). */
  error: z.string().optional(),
});
export const associationsSchema = z.object({ groups: z.array(associationGroupSchema) });
export type AssociationGroup = z.infer<typeof associationGroupSchema>;

/** Answer of Refresh: the fresh panel row, plus the sync workflow started for synchronized items. */
export const refreshResultSchema = panelItemSchema.extend({ syncWorkflowId: z.string().nullable() });
export type RefreshResult = z.infer<typeof refreshResultSchema>;
