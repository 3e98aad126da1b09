/**
 * Signal and query definitions with their payload types. The server's event relay sends
 * `jiraIssueEventsSignal` (all of an issue's pending outbox events in one signal, see
 * server/events/relay.ts); `jiraIssueEventSignal` (one event, no receipt id) is still handled for
 * running workflows and tools. workflows/issue-events.ts handles both.
 * Payloads stay small: ids and changed field ids only; workflows read current values through activities.
 * The event payload has one zod schema (the type is inferred from it): the server checks an outbox
 * row against it before sending it (server/events/outbox.ts).
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';

export const JIRA_ISSUE_EVENT_KINDS = [
  'issue_updated',
  'issue_created',
  'issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
] as const;
export type JiraIssueEventKind = (typeof JIRA_ISSUE_EVENT_KINDS)[number];

export const jiraIssueEventSchema = z.object({
  kind: z.enum(JIRA_ISSUE_EVENT_KINDS),
  installationId: z.string().min(1),
  jiraIssueId: z.string().min(1),
  jiraIssueKey: z.string(),
  /** Jira field ids from the changelog (e.g. "summary", "status", "customfield_10010"). */
  changedFieldIds: z.array(z.string()),
  commentId: z.string().optional(),
  /** Jira accountId of who made the change; our own app user's events are dropped. */
  actorAccountId: z.string().optional(),
  /** ISO time of the change at the source (Jira `updated`), used for last-writer-wins. */
  occurredAt: z.string().min(1),
});
export type JiraIssueEvent = z.infer<typeof jiraIssueEventSchema>;

/** Name of the signal, for callers that cannot import the definition (e.g. the CLI). */
export const JIRA_ISSUE_EVENT_SIGNAL = 'jiraIssueEvent';
export const jiraIssueEventSignal = defineSignal<[JiraIssueEvent]>(JIRA_ISSUE_EVENT_SIGNAL);

/** An outbox event: the EventReceipt id makes a re-sent event recognisable (applied once). */
export interface ReceiptedJiraIssueEvent extends JiraIssueEvent {
  receiptId: string;
}
export interface JiraIssueEventsBatch {
  /** In arrival order. */
  events: ReceiptedJiraIssueEvent[];
}
export const JIRA_ISSUE_EVENTS_SIGNAL = 'jiraIssueEvents';
export const jiraIssueEventsSignal = defineSignal<[JiraIssueEventsBatch]>(JIRA_ISSUE_EVENTS_SIGNAL);

/** Input of the issue-events entity workflow; `pending` carries queued events across continueAsNew. */
export interface IssueEventsInput {
  installationId: string;
  jiraIssueId: string;
  pending?: Array<JiraIssueEvent & { receiptId?: string }>;
  /** Receipt ids seen recently (bounded), carried across continueAsNew so a re-send is still ignored. */
  seenReceiptIds?: string[];
}

/** How many distinct events the entity has accepted and applied (tests and operators read it). */
export interface IssueEventsStatus {
  received: number;
  applied: number;
  pending: number;
  /** Re-sent events (a receipt id already seen) that were ignored. */
  duplicates?: number;
}
export const issueEventsStatusQuery = defineQuery<IssueEventsStatus>('issueEventsStatus');

/** Input of the sync cycle and the panel refresh. */
export interface SyncItemInput {
  sciId: string;
}
/** Input of the reconciliation (drift check) of one item. */
export interface ReconcileItemInput {
  sciId: string;
}
export interface RefreshLinkInput {
  installationId: string;
  linkId: string;
}
/** Workflow `backfill:<sciId>`: the Backfill row carries the options and the progress. */
export interface BackfillInput {
  sciId: string;
  backfillId: string;
}
