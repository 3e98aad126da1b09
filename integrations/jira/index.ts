export { createJiraClient, JIRA_TOKEN_MISSING_MESSAGE, type JiraClientOptions } from './client';
export { toJiraIssue, toJiraStatus } from './map';
export type * from './types';
