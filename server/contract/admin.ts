/** Admin page API (Forge module jira:adminPage). Paths are relative to the remote base URL. */
import { z } from 'zod';
import { latestReconcileSchema } from './reconcile';
import {
  FIELD_OWNERS,
  RULE_OPERATORS,
  SYNC_MODES,
  UNMAPPED_USER_POLICIES,
  ZOHO_MODULES,
  smartConnectedItemInputSchema,
} from '../../workflows/core/model';
import { DATA_CENTER_IDS, type DataCenterId } from '../../workflows/core/data-centers';

export const ADMIN_ROUTES = {
  dataCenters: 'GET /api/admin/data-centers',
  connection: 'GET /api/admin/connection',
  saveConnection: 'PUT /api/admin/connection',
  revokeConnection: 'DELETE /api/admin/connection',
  status: 'GET /api/admin/status',
  zohoPortals: 'GET /api/admin/zoho/portals',
  zohoProjects: 'GET /api/admin/zoho/portals/:portalId/projects',
  zohoModules: 'GET /api/admin/zoho/portals/:portalId/projects/:projectId/modules',
  zohoFields: 'GET /api/admin/zoho/portals/:portalId/projects/:projectId/modules/:module/fields',
  zohoStatuses: 'GET /api/admin/zoho/portals/:portalId/projects/:projectId/modules/:module/statuses',
  jiraProjects: 'GET /api/admin/jira/projects',
  jiraIssueTypes: 'GET /api/admin/jira/projects/:projectId/issue-types',
  jiraFields: 'GET /api/admin/jira/projects/:projectId/issue-types/:issueTypeId/fields',
  jiraStatuses: 'GET /api/admin/jira/projects/:projectId/statuses',
  listItems: 'GET /api/admin/items',
  createItem: 'POST /api/admin/items',
  getItem: 'GET /api/admin/items/:id',
  updateItem: 'PUT /api/admin/items/:id',
  deleteItem: 'DELETE /api/admin/items/:id',
  enableItem: 'POST /api/admin/items/:id/enable',
  disableItem: 'POST /api/admin/items/:id/disable',
  syncNow: 'POST /api/admin/items/:id/sync-now',
  allowAutoCreateAgain: 'POST /api/admin/items/:id/records/:zohoRecordId/allow-auto-create',
  reconcileNow: 'POST /api/admin/items/:id/reconcile',
  zohoWebhookOn: 'POST /api/admin/items/:id/zoho-webhook',
  zohoWebhookOff: 'DELETE /api/admin/items/:id/zoho-webhook',
  zohoBudgetCost: 'GET /api/admin/zoho-budget-cost',
  health: 'GET /api/admin/health',
} as const;

// Provider data, owned by the core; re-exported because the admin page reads the contract.
export { DATA_CENTER_IDS, type DataCenterId };

/** A record once linked is not auto-created again; the admin lifts that for one record. */
export const allowAutoCreateAgainResultSchema = z.object({
  /** False when the record is linked now or was never linked (nothing to allow). */
  allowed: z.boolean(),
});

export const dataCenterSchema = z.object({ id: z.enum(DATA_CENTER_IDS), name: z.string() });

export const saveConnectionBodySchema = z.object({
  dataCenter: z.enum(DATA_CENTER_IDS),
  clientId: z.string().trim().min(5).max(200),
  clientSecret: z.string().trim().min(5).max(500),
  code: z.string().trim().min(5).max(500),
});
export type SaveConnectionBody = z.infer<typeof saveConnectionBodySchema>;

/** Never contains the secret, the refresh token or the access token. */
export const connectionSummarySchema = z.discriminatedUnion('connected', [
  z.object({ connected: z.literal(false) }),
  z.object({
    connected: z.literal(true),
    dataCenter: z.enum(DATA_CENTER_IDS),
    dataCenterName: z.string(),
    clientId: z.string(),
    zohoUserName: z.string().nullable(),
    zohoUserEmail: z.string().nullable(),
    connectedAt: z.string(),
  }),
]);
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

export const adminStatusSchema = z.object({
  installationId: z.string(),
  lastHeardFromJiraAt: z.string().nullable(),
  jiraTokenValid: z.boolean(),
  jiraTokenExpiresAt: z.string().nullable(),
  /** Set when background Jira work is waiting for a fresh token: shown as a warning. */
  jiraTokenMessage: z.string().nullable(),
  temporalWebUrl: z.string(),
});

export const namedSchema = z.object({ id: z.string(), name: z.string() });
export const zohoModuleInfoSchema = z.object({
  id: z.enum(ZOHO_MODULES),
  name: z.string(),
  synchronizable: z.boolean(),
  autoCreate: z.boolean(),
  statusSync: z.boolean(),
  commentSync: z.boolean(),
  attachmentSync: z.boolean(),
});
export const zohoFieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  custom: z.boolean(),
  writable: z.boolean(),
  options: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});
export const zohoStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['open', 'in_progress', 'closed']),
});
export const jiraProjectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
export const jiraFieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  custom: z.boolean(),
  required: z.boolean().default(false),
  allowedValues: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});
export const jiraStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(['new', 'indeterminate', 'done']),
});

/** Request body for create/update: the core's input schema (the matrix is checked by the core). */
export const itemBodySchema = smartConnectedItemInputSchema;

export const latestSyncSchema = z.object({
  status: z.enum(['running', 'succeeded', 'partial', 'failed']),
  kind: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  failed: z.number(),
  /** Records the run left needing attention (e.g. no workflow path to the target status). */
  needsAttention: z.number(),
  /** Reconcile runs: links found out of step with the owners, and how many were repaired. */
  driftFound: z.number().optional(),
  driftFixed: z.number().optional(),
  conflicts: z.number(),
  errors: z.array(z.object({ record: z.string().optional(), message: z.string() })),
  workflowId: z.string(),
  runId: z.string(),
  temporalUrl: z.string(),
});

export const itemSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(SYNC_MODES),
  enabled: z.boolean(),
  zohoPortalId: z.string(),
  zohoPortalName: z.string().nullable(),
  zohoProjectId: z.string(),
  zohoProjectName: z.string().nullable(),
  zohoModule: z.enum(ZOHO_MODULES),
  jiraProjectIds: z.array(z.string()),
  jiraProjectKeys: z.array(z.string()),
  jiraIssueTypeId: z.string().nullable(),
  jiraIssueTypeName: z.string().nullable(),
  displayFields: z.array(z.string()),
  mappings: z.array(
    z.object({
      jiraFieldId: z.string(),
      jiraFieldName: z.string().nullable(),
      zohoFieldId: z.string(),
      zohoFieldName: z.string().nullable(),
      owner: z.enum(FIELD_OWNERS),
    }),
  ),
  autoCreate: z.boolean(),
  syncStatus: z.boolean(),
  syncComments: z.boolean(),
  syncAttachments: z.boolean(),
  showAssociations: z.boolean(),
  /** What a sync does with a user who has no counterpart (README "User mapping"). */
  unmappedUserPolicy: z.enum(UNMAPPED_USER_POLICIES),
  unmappedUserJiraDefault: z.string().nullable(),
  unmappedUserZohoDefault: z.string().nullable(),
  rule: z
    .object({
      enabled: z.boolean(),
      zohoFieldId: z.string(),
      zohoFieldName: z.string().nullable(),
      operator: z.enum(RULE_OPERATORS),
      value: z.string().nullable(),
      metJiraStatusId: z.string(),
      metJiraStatusName: z.string().nullable(),
      notMetJiraStatusId: z.string().nullable(),
      notMetJiraStatusName: z.string().nullable(),
      createIssueWhenNotMet: z.boolean(),
    })
    .nullable(),
  /** Temporal schedule state: paused when the item is disabled or the installation uninstalled. */
  schedule: z.object({ scheduleId: z.string(), paused: z.boolean() }).nullable(),
  latestSync: latestSyncSchema.nullable(),
  /** Zoho → Jira cadence in minutes, and the drift check's in hours. */
  zohoCadenceMinutes: z.number().optional(),
  reconcileEveryHours: z.number().optional(),
  latestReconcile: latestReconcileSchema.nullable().optional(),
  /** Linked records that need attention now, for any reason (status, refused value, unmapped user). */
  linksNeedingAttention: z.number(),
  /** Whether the item's Zoho webhook is on (the token itself is shown only when issued). */
  zohoWebhook: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Item = z.infer<typeof itemSchema>;
export type LatestSync = z.infer<typeof latestSyncSchema>;

export const syncNowResultSchema = z.object({ workflowId: z.string(), temporalUrl: z.string() });
