/** Inputs and outputs of the sync planners (see ./plan.ts). */
import type { ConflictRecord, SyncBaseline } from './conflict';
import type { WriteReceipt } from './echo';
import type {
  JiraField,
  JiraIssue,
  JiraTransition,
  SmartConnectedItem,
  ZohoField,
  ZohoRecord,
  ZohoStatus,
} from './model';
import type { JiraStatusTarget, JiraTransitionChoice, ZohoStatusChoice } from './status-match';
import type { ValueContext } from './values/convert';

export interface PlanSkip {
  /** Jira field id of the mapping, '@status', or '*' for the whole item. */
  field: string;
  code:
    | 'display_only'
    | 'disabled'
    | 'conversion_failed'
    | 'echo'
    | 'jira_changed_later'
    | 'zoho_changed_later'
    | 'conflict_lost'
    | 'unchanged'
    | 'first_link_kept'
    | 'status_governed_by_rule'
    | 'no_safe_transition'
    | 'no_safe_status'
    | 'no_zoho_statuses'
    | 'status_not_supported';
  reason: string;
  /** The value names a user with no counterpart, and the item's policy marks the record for attention. */
  unmappedUser?: true;
}

/** The SCI as the planner needs it (a saved SmartConnectedItem fits). */
export type PlannableSci = Pick<
  SmartConnectedItem,
  | 'mode'
  | 'enabled'
  | 'zohoModule'
  | 'jiraProjectIds'
  | 'jiraIssueTypeId'
  | 'mappings'
  | 'autoCreate'
  | 'syncStatus'
  | 'syncComments'
  | 'syncAttachments'
  | 'rule'
>;

interface PlanInputBase {
  sci: PlannableSci;
  baseline?: SyncBaseline;
  receipts?: readonly WriteReceipt[];
  jiraFields?: readonly JiraField[];
  zohoFields?: readonly ZohoField[];
  ctx?: ValueContext;
  /** ISO timestamp stamped on receipts. */
  now: string;
}

export interface ZohoToJiraInput extends PlanInputBase {
  record: ZohoRecord;
  issue: JiraIssue;
  /** Transitions Jira offers now (GET issue ?expand=transitions); when given, status is resolved here. */
  transitions?: readonly JiraTransition[];
}

export interface StatusPlanToJira {
  source: 'rule' | 'status_sync';
  target: JiraStatusTarget;
  /** Present when transitions were given. */
  choice?: JiraTransitionChoice;
}

export interface ZohoToJiraPlan {
  /** One edit per changed issue (PUT /issue/{id} `fields`), only changed fields. */
  edit?: { fields: Record<string, unknown> };
  /** Two-way fields where Jira won a conflict: its value written back to Zoho (PATCH body). */
  zohoPatch?: Record<string, unknown>;
  status?: StatusPlanToJira;
  conflicts: ConflictRecord[];
  newBaseline: SyncBaseline;
  receipts: WriteReceipt[];
  skipped: PlanSkip[];
  /** Whether comments / attachments mirroring runs for this link. */
  mirror: { comments: boolean; attachments: boolean };
}

export interface JiraToZohoInput extends PlanInputBase {
  issue: JiraIssue;
  /** Jira field ids changed by the event (changelog fieldId; 'status' for transitions); all when absent. */
  changedFieldIds?: readonly string[];
  /** The linked Zoho record as currently stored, for no-op and conflict detection. */
  record?: ZohoRecord;
  zohoStatuses?: readonly ZohoStatus[];
}

export interface JiraToZohoPlan {
  /** Zoho PATCH body: jira-owned / both-owned fields, plus `status: { id }` when status moves. */
  patch?: Record<string, unknown>;
  status?: ZohoStatusChoice;
  conflicts: ConflictRecord[];
  newBaseline: SyncBaseline;
  receipts: WriteReceipt[];
  skipped: PlanSkip[];
}

export interface AutoCreateInput extends PlanInputBase {
  record: ZohoRecord;
}

export interface AutoCreatePlan {
  create: boolean;
  reason: string;
  /** POST /issue `fields` (project, issuetype, summary, mapped Zoho-owned fields). */
  fields: Record<string, unknown>;
  /** Jira status the rule puts the new issue in (transition right after create). */
  initialStatusId?: string;
  /** Status sync target for the new issue when no rule governs status. */
  initialStatus?: JiraStatusTarget;
  newBaseline: SyncBaseline;
  receipts: WriteReceipt[];
  skipped: PlanSkip[];
}
