/** The simulated Jira site's data model (internal; rendered to Jira REST v3 shapes in render.ts). */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface SimUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType: 'atlassian' | 'app';
  active: boolean;
  /** Global permissions granted (e.g. ADMINISTER for a Jira administrator). */
  globalPermissions?: string[];
  timeZone?: string;
}

export interface SimStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
  description?: string;
}

export interface SimTransition {
  id: string;
  name: string;
  /** Status ids this transition starts from; empty = global (available from every status). */
  from: string[];
  to: string;
  /** Field ids shown on the transition screen (hasScreen when non-empty). */
  screenFields?: string[];
  /**
   * Screen fields the transition requires (screen "required" / a Field Required validator): a POST
   * without a value for them is refused with 400, so the API cannot make this move without fields.
   */
  requiredFields?: string[];
}

export interface SimWorkflow {
  name: string;
  initialStatusId: string;
  statusIds: string[];
  transitions: SimTransition[];
}

export interface SimIssueType {
  id: string;
  name: string;
  description?: string;
  subtask: boolean;
  hierarchyLevel: number;
}

/** How the simulator stores and parses a field's value. */
export type FieldKind =
  'text' | 'richtext' | 'number' | 'date' | 'datetime' | 'select' | 'user' | 'labels' | 'priority' | 'readonly';

export interface SimFieldOption {
  id: string;
  value: string;
  disabled?: boolean;
}

export interface SimFieldDef {
  id: string;
  key?: string;
  name: string;
  custom: boolean;
  kind: FieldKind;
  /** Jira's field schema ({ type, system } or { type, custom, customId, items }). */
  schema: Record<string, unknown>;
  options?: SimFieldOption[];
  navigable?: boolean;
  searchable?: boolean;
  orderable?: boolean;
  clauseNames?: string[];
}

export interface SimProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'business' | 'service_desk';
  leadAccountId: string;
  issueTypeIds: string[];
  workflow: SimWorkflow;
  /** Fields on the create/edit screens (system + custom ids) besides project/issuetype. */
  fieldIds: string[];
  requiredFieldIds?: string[];
  nextIssueNumber: number;
}

export interface SimComment {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: AdfDoc;
  created: number;
  updated: number;
}

export interface SimAttachment {
  id: string;
  issueId: string;
  filename: string;
  mimeType: string;
  size: number;
  authorId: string;
  created: number;
  content: Buffer;
}

export interface SimChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface SimHistory {
  id: string;
  authorId: string;
  created: number;
  items: SimChangeItem[];
}

export interface SimIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  /** Editable field values by field id, in internal form (option id, account id, ADF doc, …). */
  fields: Record<string, unknown>;
  created: number;
  updated: number;
  statusCategoryChangeDate: number;
  resolutionDate: number | null;
  creatorId: string;
  reporterId: string;
  comments: SimComment[];
  attachmentIds: string[];
  properties: Record<string, unknown>;
  histories: SimHistory[];
}

export interface SimPriority {
  id: string;
  name: string;
}

/** Everything a site is made of; demo-data.ts builds one, tests may build their own. */
export interface JiraSeed {
  users: SimUser[];
  statuses: SimStatus[];
  issueTypes: SimIssueType[];
  priorities: SimPriority[];
  fields: SimFieldDef[];
  projects: Omit<SimProject, 'nextIssueNumber'>[];
  /** Issues in API input form, created through the same code path as POST /issue. */
  issues?: SeedIssue[];
}

export interface SeedIssue {
  projectKey: string;
  issueType: string;
  fields: Record<string, unknown>;
  status?: string;
  reporterId?: string;
  comments?: Array<{ authorId: string; text: string }>;
  properties?: Record<string, unknown>;
}
