/** The Jira Cloud REST v3 API as the connector uses it. Implemented by ./client.ts. */
import type { JiraField, JiraIssue, JiraStatus, JiraTransition } from '../../workflows/core/model';
import type { FileDownload, FileUpload } from '../http/types';

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}
export interface JiraProject {
  id: string;
  key: string;
  name: string;
}
export interface JiraIssueType {
  id: string;
  name: string;
  subtask: boolean;
}
export interface JiraFieldMeta extends JiraField {
  required: boolean;
}
/** Atlassian Document Format document. */
export interface Adf {
  type: 'doc';
  version: 1;
  content: unknown[];
}
export interface JiraComment {
  id: string;
  body: Adf | unknown;
  authorAccountId?: string;
  authorName?: string;
  created?: string;
  updated?: string;
}
export interface JiraAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string;
  created?: string;
  authorAccountId?: string;
}

export interface CreateIssueInput {
  projectId: string;
  issueTypeId: string;
  /** Raw Jira field values by field id (summary, description as ADF, customfield_x…). */
  fields: Record<string, unknown>;
  /** Issue properties set atomically at create time. */
  properties?: Array<{ key: string; value: unknown }>;
}

export interface SearchJqlInput {
  jql: string;
  fields?: string[];
  nextPageToken?: string;
  maxResults?: number;
}

export interface JiraApi {
  myself(): Promise<JiraUser>;
  /** GET /user/bulk: the users with these account ids (unknown ids are left out; emails only where Jira shows them). */
  getUsers(accountIds: readonly string[]): Promise<JiraUser[]>;
  /** GET /user/search?query=: only users whose visible email equals the given one. */
  findUsersByEmail(email: string): Promise<JiraUser[]>;
  /** GET /user/search?query=: users whose display name or visible email starts with the text (admin pickers). */
  searchUsers(query: string, maxResults?: number): Promise<JiraUser[]>;
  /** POST /permissions/check: which of these global permissions (e.g. ADMINISTER) the user holds. */
  globalPermissions(accountId: string, permissions: readonly string[]): Promise<string[]>;
  listProjects(): Promise<JiraProject[]>;
  listIssueTypes(projectId: string): Promise<JiraIssueType[]>;
  listFields(projectId: string, issueTypeId: string): Promise<JiraFieldMeta[]>;
  listStatuses(projectId: string): Promise<JiraStatus[]>;
  /** null when the issue does not exist (404). */
  getIssue(idOrKey: string, fields?: string[]): Promise<JiraIssue | null>;
  createIssue(input: CreateIssueInput): Promise<{ id: string; key: string }>;
  editIssue(idOrKey: string, fields: Record<string, unknown>, opts?: { notifyUsers?: boolean }): Promise<void>;
  getTransitions(idOrKey: string): Promise<JiraTransition[]>;
  transition(idOrKey: string, transitionId: string): Promise<void>;
  addComment(idOrKey: string, body: Adf): Promise<{ id: string }>;
  listComments(idOrKey: string): Promise<JiraComment[]>;
  /** PUT a new ADF body on an existing comment. */
  updateComment(idOrKey: string, commentId: string, body: Adf): Promise<void>;
  deleteComment(idOrKey: string, commentId: string): Promise<void>;
  listAttachments(idOrKey: string): Promise<JiraAttachment[]>;
  uploadAttachment(idOrKey: string, file: FileUpload): Promise<JiraAttachment>;
  downloadAttachment(attachmentId: string): Promise<FileDownload>;
  setProperty(idOrKey: string, key: string, value: unknown): Promise<void>;
  getProperty(idOrKey: string, key: string): Promise<unknown | undefined>;
  searchJql(input: SearchJqlInput): Promise<{ issues: JiraIssue[]; nextPageToken?: string }>;
}
