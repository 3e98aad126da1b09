/**
 * Sync planning: pure decisions of what to write where, given both sides' current values, the
 * per-field baseline and the write receipts. Activities apply the plan, then persist
 * `newBaseline` and `receipts` only after the writes succeeded.
 */
export * from './plan-types';
export { statusHash, statusWritten } from './plan-status';
export { issueFieldsToRead, planZohoToJira } from './plan-zoho-to-jira';
export { planJiraToZoho } from './plan-jira-to-zoho';
export { planAutoCreate } from './plan-auto-create';
