/**
 * Provider facts as data: what each Zoho module and each sync mode supports, and how Jira status
 * categories line up with Zoho status types. Validation, planning and the admin UI read these
 * tables instead of branching on names.
 */
import type { FieldOwner, JiraStatusCategory, StatusType, SyncMode, ZohoModule } from './model';

export const ASSOCIATION_GROUPS = ['comments', 'followers', 'attachments', 'linked_tasks', 'linked_issues'] as const;
export type AssociationGroup = (typeof ASSOCIATION_GROUPS)[number];

export interface ZohoModuleCapabilities {
  label: string;
  /** Can be the source of a one-way / two-way / custom item (else display-only). */
  synchronized: boolean;
  autoCreate: boolean;
  status: boolean;
  comments: boolean;
  attachments: boolean;
  /** Association groups the issue panel can show for a record of this module. */
  associations: readonly AssociationGroup[];
}

/** Known limits of this build: full sync for Tasks and Issues; Milestones and Timesheets display-only. */
export const ZOHO_MODULE_CAPABILITIES: Readonly<Record<ZohoModule, ZohoModuleCapabilities>> = {
  tasks: {
    label: 'Tasks',
    synchronized: true,
    autoCreate: true,
    status: true,
    comments: true,
    attachments: true,
    // Zoho documents followers for issues only (…/tasks/{t}/followers answers URL_RULE_NOT_CONFIGURED).
    associations: ['comments', 'attachments', 'linked_issues'],
  },
  issues: {
    label: 'Issues',
    synchronized: true,
    autoCreate: true,
    status: true,
    comments: true,
    attachments: true,
    associations: ['comments', 'followers', 'attachments', 'linked_tasks'],
  },
  milestones: {
    label: 'Milestones',
    synchronized: false,
    autoCreate: false,
    status: false,
    comments: false,
    attachments: false,
    associations: ['linked_tasks', 'linked_issues'],
  },
  timesheets: {
    label: 'Timesheets',
    synchronized: false,
    autoCreate: false,
    status: false,
    comments: false,
    attachments: false,
    associations: [],
  },
};

export interface SyncModeCapabilities {
  label: string;
  synchronized: boolean;
  /** Owner every mapping gets in this mode; null in custom mode (chosen per mapping) and display-only. */
  derivedOwner: FieldOwner | null;
  zohoToJiraFields: 'never' | 'always' | 'per_mapping';
  jiraToZohoFields: 'never' | 'always' | 'per_mapping';
  jiraProjects: 'one_or_more' | 'exactly_one';
  issueTypeRequired: boolean;
  /** Scheduled sync and workers run for this mode. */
  scheduled: boolean;
  autoCreate: boolean;
  statusSync: boolean;
  commentSync: boolean;
  attachmentSync: boolean;
  conditionalRules: boolean;
  associations: boolean;
  manualLink: boolean;
}

/** The modes and behavior matrix of the product spec. */
export const SYNC_MODE_CAPABILITIES: Readonly<Record<SyncMode, SyncModeCapabilities>> = {
  display_only: {
    label: 'None (Display Only)',
    synchronized: false,
    derivedOwner: null,
    zohoToJiraFields: 'never',
    jiraToZohoFields: 'never',
    jiraProjects: 'one_or_more',
    issueTypeRequired: false,
    scheduled: false,
    autoCreate: false,
    statusSync: false,
    commentSync: false,
    attachmentSync: false,
    conditionalRules: false,
    associations: true,
    manualLink: true,
  },
  one_way: {
    label: 'One-Way Sync',
    synchronized: true,
    derivedOwner: 'zoho',
    zohoToJiraFields: 'always',
    jiraToZohoFields: 'never',
    jiraProjects: 'exactly_one',
    issueTypeRequired: true,
    scheduled: true,
    autoCreate: true,
    statusSync: true,
    commentSync: true,
    attachmentSync: true,
    conditionalRules: true,
    associations: true,
    manualLink: true,
  },
  two_way: {
    label: 'Two-Way Sync',
    synchronized: true,
    derivedOwner: 'both',
    zohoToJiraFields: 'always',
    jiraToZohoFields: 'always',
    jiraProjects: 'exactly_one',
    issueTypeRequired: true,
    scheduled: true,
    autoCreate: true,
    statusSync: true,
    commentSync: true,
    attachmentSync: true,
    conditionalRules: true,
    associations: true,
    manualLink: true,
  },
  custom: {
    label: 'Custom Sync per Mapping',
    synchronized: true,
    derivedOwner: null,
    zohoToJiraFields: 'per_mapping',
    jiraToZohoFields: 'per_mapping',
    jiraProjects: 'exactly_one',
    issueTypeRequired: true,
    scheduled: true,
    autoCreate: true,
    statusSync: true,
    commentSync: true,
    attachmentSync: true,
    conditionalRules: true,
    associations: true,
    manualLink: true,
  },
};

/** Jira statusCategory key ↔ Zoho status type, for "closest safe alternative" matching. */
export const JIRA_CATEGORY_TO_ZOHO_STATUS_TYPE: Readonly<Record<JiraStatusCategory, StatusType>> = {
  new: 'open',
  indeterminate: 'in_progress',
  done: 'closed',
};
export const ZOHO_STATUS_TYPE_TO_JIRA_CATEGORY: Readonly<Record<StatusType, JiraStatusCategory>> = {
  open: 'new',
  in_progress: 'indeterminate',
  closed: 'done',
};

/** Jira statusCategory.key as returned by REST ("new", "indeterminate", "done", rarely "undefined"). */
export function jiraStatusCategoryFromKey(key: string | undefined): JiraStatusCategory {
  return key === 'done' || key === 'new' ? key : 'indeterminate';
}

/**
 * Zoho statuses carry only "open"/"closed" (`type` in the classic API, `is_closed_type` in V3).
 * An open status whose name is not a "not started" name counts as in progress.
 */
const NOT_STARTED_NAMES = ['open', 'new', 'to do', 'todo', 'not started', 'reopen', 'reopened', 'backlog'];

export function zohoStatusType(raw: { name?: string; type?: string; is_closed_type?: boolean }): StatusType {
  if (raw.is_closed_type === true || raw.type?.toLowerCase() === 'closed') return 'closed';
  if (raw.type === 'in_progress') return 'in_progress';
  const name = (raw.name ?? '').trim().toLowerCase();
  return NOT_STARTED_NAMES.includes(name) ? 'open' : 'in_progress';
}
