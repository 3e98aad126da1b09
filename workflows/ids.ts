/**
 * Workflow and schedule ids, spelled once. The server, the activities and the workflows all build
 * ids through these functions, so "which workflow handles X" has one answer.
 * Ids are readable on purpose: an operator can find an SCI or a Jira issue in the Temporal Web UI.
 */

/** The Temporal Schedule of one Smart Connected Item (every five minutes). */
export function scheduleIdFor(sciId: string): string {
  return `sci:${sciId}`;
}

/** Base workflow id of the scheduled sync cycle (a Schedule appends its own timestamp suffix). */
export function syncWorkflowIdFor(sciId: string): string {
  return `sync:${sciId}`;
}

/** The entity workflow that owns all Jira → Zoho work for one Jira issue of one installation. */
export function issueEventsWorkflowIdFor(installationId: string, jiraIssueId: string): string {
  return `issue:${installationId}:${jiraIssueId}`;
}

/** Idempotency key of one auto-create: one Zoho record can create at most one Jira issue per SCI. */
export function autoCreateWorkflowIdFor(sciId: string, zohoRecordId: string): string {
  return `create:${sciId}:${zohoRecordId}`;
}

/** A panel refresh of one link; the nonce lets a user refresh again after the previous one ended. */
export function refreshWorkflowIdFor(linkId: string, nonce: string): string {
  return `refresh:${linkId}:${nonce}`;
}

/** The drift-check Schedule of one Smart Connected Item (daily by default), apart from its sync schedule. */
export function reconcileScheduleIdFor(sciId: string): string {
  return `reconcile:${sciId}`;
}

/** Base workflow id of a reconciliation run (the Schedule appends its timestamp; "Reconcile now" too). */
export function reconcileWorkflowIdFor(sciId: string): string {
  return `reconcile:${sciId}`;
}

/** A dry-run preview of an item's next cycle (`draft` for an unsaved wizard draft); read-only, never reused. */
export function previewWorkflowIdFor(sciId: string | null, nonce: string): string {
  return `preview:${sciId ?? 'draft'}:${nonce}`;
}

/** The backfill of one Smart Connected Item: one at a time per item. */
export function backfillWorkflowIdFor(sciId: string): string {
  return `backfill:${sciId}`;
}
