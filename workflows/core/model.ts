/**
 * The product's vocabulary as types and zod schemas, shared by the server (validation, API),
 * the workflows and the activities. Pure: no I/O. Provider facts live in ./capabilities.ts.
 */
import { z } from 'zod';

export const SYNC_MODES = ['display_only', 'one_way', 'two_way', 'custom'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export const FIELD_OWNERS = ['zoho', 'jira', 'both'] as const;
export type FieldOwner = (typeof FIELD_OWNERS)[number];

export const ZOHO_MODULES = ['tasks', 'issues', 'milestones', 'timesheets'] as const;
export type ZohoModule = (typeof ZOHO_MODULES)[number];

export const RULE_OPERATORS = ['equals', 'not_equals', 'is_empty', 'is_not_empty'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** What a sync does with a user who has no counterpart on the other side (README "User mapping"). */
export const UNMAPPED_USER_POLICIES = ['unassigned', 'default_user', 'attention'] as const;
export type UnmappedUserPolicyName = (typeof UNMAPPED_USER_POLICIES)[number];

export const LINK_ORIGINS = ['manual', 'auto'] as const;
export type LinkOrigin = (typeof LINK_ORIGINS)[number];

/** Zoho ids exceed 2^53: always strings of digits. */
export const zohoId = z.string().regex(/^\d{1,25}$/, 'must be a Zoho id (digits, as a string)');
export const jiraId = z.string().regex(/^\d{1,20}$/, 'must be a Jira id (digits, as a string)');

export const fieldMappingSchema = z.object({
  jiraFieldId: z.string().min(1).max(255),
  jiraFieldName: z.string().max(255).optional(),
  zohoFieldId: z.string().min(1).max(255),
  zohoFieldName: z.string().max(255).optional(),
  /** Only meaningful in custom mode; other modes derive it (see ownerFor in ./mapping.ts). */
  owner: z.enum(FIELD_OWNERS).optional(),
});
export type FieldMappingInput = z.infer<typeof fieldMappingSchema>;

export const conditionalSyncRuleSchema = z.object({
  enabled: z.boolean().default(true),
  zohoFieldId: z.string().min(1).max(255),
  zohoFieldName: z.string().max(255).optional(),
  operator: z.enum(RULE_OPERATORS),
  value: z.string().max(1000).optional(),
  metJiraStatusId: z.string().min(1),
  metJiraStatusName: z.string().optional(),
  notMetJiraStatusId: z.string().min(1).optional(),
  notMetJiraStatusName: z.string().optional(),
  createIssueWhenNotMet: z.boolean().default(false),
});
export type ConditionalSyncRule = z.infer<typeof conditionalSyncRuleSchema>;

/** What an admin submits to create or update a Smart Connected Item (before matrix validation). */
export const smartConnectedItemInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  mode: z.enum(SYNC_MODES),
  enabled: z.boolean().default(true),
  zohoPortalId: zohoId,
  zohoPortalName: z.string().max(255).optional(),
  zohoProjectId: zohoId,
  zohoProjectName: z.string().max(255).optional(),
  zohoModule: z.enum(ZOHO_MODULES),
  jiraProjectIds: z.array(jiraId).min(1).max(50),
  jiraProjectKeys: z.array(z.string().max(32)).max(50).default([]),
  jiraIssueTypeId: jiraId.optional(),
  jiraIssueTypeName: z.string().max(255).optional(),
  displayFields: z.array(z.string().min(1).max(255)).max(50).default([]),
  mappings: z.array(fieldMappingSchema).max(100).default([]),
  autoCreate: z.boolean().default(false),
  syncStatus: z.boolean().default(false),
  syncComments: z.boolean().default(false),
  syncAttachments: z.boolean().default(false),
  showAssociations: z.boolean().default(false),
  rule: conditionalSyncRuleSchema.nullish(),
  /** Zoho → Jira cycle every N minutes (5 when unset; below 5 only with server-side filtering: zoho-cadence.ts). */
  zohoCadenceMinutes: z.number().int().min(1).max(60).optional(),
  /** Drift check every N hours (24 when unset). */
  reconcileEveryHours: z.number().int().min(1).max(168).optional(),
  /** Absent means 'attention' (the stored default): the record is marked and the field left as it is. */
  unmappedUserPolicy: z.enum(UNMAPPED_USER_POLICIES).optional(),
  /** Jira accountId written for an unmapped Zoho user (policy default_user). */
  unmappedUserJiraDefault: z.string().trim().max(128).nullish(),
  /** Zoho zpuid written for an unmapped Jira user (policy default_user). */
  unmappedUserZohoDefault: zohoId.nullish(),
});
export type SmartConnectedItemInput = z.infer<typeof smartConnectedItemInputSchema>;

/** A saved SCI as the sync engine sees it (owners resolved per mapping by ownerFor; null = never writes). */
export interface SmartConnectedItem extends Omit<SmartConnectedItemInput, 'mappings' | 'rule'> {
  id: string;
  installationId: string;
  mappings: Array<Omit<FieldMappingInput, 'owner'> & { owner: FieldOwner | null }>;
  rule: ConditionalSyncRule | null;
}

/** Zoho status types, aligned with Jira status categories for "closest safe alternative" matching. */
export const STATUS_TYPES = ['open', 'in_progress', 'closed'] as const;
export type StatusType = (typeof STATUS_TYPES)[number];

export interface ZohoStatus {
  id: string;
  name: string;
  type: StatusType;
}

/** A Zoho record normalised from the V3 shape. `fields` holds every field by api name, custom ones too. */
export interface ZohoRecord {
  id: string;
  module: ZohoModule;
  key?: string;
  name: string;
  description?: string;
  status?: ZohoStatus;
  createdAt?: string;
  modifiedAt?: string;
  fields: Record<string, unknown>;
}

export type JiraStatusCategory = 'new' | 'indeterminate' | 'done';

export interface JiraStatus {
  id: string;
  name: string;
  category: JiraStatusCategory;
}

export interface JiraTransition {
  id: string;
  name: string;
  to: JiraStatus;
  hasScreen?: boolean;
  isAvailable?: boolean;
  /** Names of the screen fields Jira marks required without a default (GET ?expand=transitions.fields). */
  requiredFields?: string[];
}

/** A Jira issue as the sync engine sees it. `fields` are raw Jira REST values by field id. */
export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  status: JiraStatus;
  updated: string;
  fields: Record<string, unknown>;
}

/** Zoho field metadata (from layouts/fields); drives value conversion and rule value pickers. */
export type ZohoFieldType =
  | 'text'
  | 'html'
  | 'number'
  | 'decimal'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'multipicklist'
  | 'user'
  | 'multiuser'
  | 'boolean'
  | 'percent'
  | 'status'
  | 'priority'
  | 'tags';

export interface ZohoField {
  id: string;
  name: string;
  type: ZohoFieldType;
  custom: boolean;
  /** Picklist options: `value` is what records carry, `label` what Zoho shows (display_value). */
  options?: Array<{ id: string; value: string; label?: string }>;
  writable: boolean;
}

/** Jira field metadata, the subset of GET /field + createmeta that conversion needs. */
export type JiraFieldType =
  | 'string'
  | 'text'
  | 'adf'
  | 'number'
  | 'date'
  | 'datetime'
  | 'option'
  | 'user'
  | 'labels'
  | 'priority'
  | 'array'
  | 'status'
  | 'other';

export interface JiraField {
  id: string;
  name: string;
  type: JiraFieldType;
  custom: boolean;
  allowedValues?: Array<{ id: string; value: string }>;
}
