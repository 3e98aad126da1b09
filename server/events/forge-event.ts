/**
 * Maps a Forge product event (avi:jira:*) to the small signal payload of the issue's entity workflow,
 * plus the delivery key used to drop retried deliveries. Pure: no I/O.
 * Forge documents no event id: the key is installation + event type + issue id + `fields.updated`
 * (or comment id + comment `updated`), see platform-facts.md §A.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JiraIssueEvent, JiraIssueEventKind } from '../../workflows/signals';

const changelogItem = z.object({ field: z.string().optional(), fieldId: z.string().optional() }).passthrough();
const comment = z
  .object({
    id: z.coerce.string(),
    author: z.object({ accountId: z.string().optional() }).passthrough().optional(),
    updateAuthor: z.object({ accountId: z.string().optional() }).passthrough().optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
  })
  .passthrough();

export const forgeEventSchema = z
  .object({
    eventType: z.string().min(1),
    issue: z
      .object({
        id: z.coerce.string(),
        key: z.string().optional(),
        fields: z.object({ updated: z.string().optional(), created: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    atlassianId: z.string().optional(),
    changelog: z
      .object({ items: z.array(changelogItem).default([]) })
      .passthrough()
      .optional(),
    comment: comment.optional(),
    retryContext: z
      .object({ retryCount: z.number().optional(), retryReason: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type ForgeEvent = z.infer<typeof forgeEventSchema>;

/** Forge sends the event under `payload`; older deliveries put it at the top level. */
export function unwrapForgeEvent(body: unknown): unknown {
  if (
    body &&
    typeof body === 'object' &&
    'payload' in body &&
    typeof (body as { payload: unknown }).payload === 'object'
  ) {
    return (body as { payload: unknown }).payload;
  }
  return body;
}

export interface MappedEvent {
  /** Unique per delivery of the same change: retries map to the same key. */
  deliveryKey: string;
  eventType: string;
  /** null when the event concerns nothing the connector syncs (it is acknowledged and dropped). */
  signal: JiraIssueEvent | null;
}

const KIND_BY_TYPE: Record<string, JiraIssueEventKind> = {
  'avi:jira:created:issue': 'issue_created',
  'avi:jira:updated:issue': 'issue_updated',
  'avi:jira:deleted:issue': 'issue_deleted',
  'avi:jira:commented:issue': 'comment_created',
  'avi:jira:deleted:comment': 'comment_deleted',
};

export const changedFieldIds = (items: Array<{ field?: string; fieldId?: string }>): string[] => [
  ...new Set(items.map((i) => i.fieldId ?? i.field).filter((f): f is string => Boolean(f))),
];

/** Jira writes offsets as +0000; the signal carries canonical ISO instants. */
export function isoInstant(value: string | undefined, fallback: Date): string {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback.toISOString() : new Date(t).toISOString();
}

const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

export function mapForgeEvent(installationId: string, event: ForgeEvent, receivedAt: Date): MappedEvent {
  const issueId = event.issue?.id ?? '';
  const base = `forge:${event.eventType}:${issueId}`;
  let kind = KIND_BY_TYPE[event.eventType];
  let deliveryKey: string;
  if (event.comment) {
    deliveryKey = `${base}:comment:${event.comment.id}:${event.comment.updated ?? event.comment.created ?? digest(event.comment)}`;
    // "commented" fires on create and on edit: an edit has updated after created.
    if (
      kind === 'comment_created' &&
      event.comment.updated &&
      event.comment.created &&
      event.comment.updated !== event.comment.created
    ) {
      kind = 'comment_updated';
    }
  } else {
    const updated = event.issue?.fields?.updated;
    deliveryKey = updated
      ? `${base}:${updated}`
      : `${base}:${digest({ changelog: event.changelog, issue: event.issue?.fields })}`;
  }
  if (!kind || !issueId) return { deliveryKey, eventType: event.eventType, signal: null };
  const actor = event.comment?.updateAuthor?.accountId ?? event.comment?.author?.accountId ?? event.atlassianId;
  return {
    deliveryKey,
    eventType: event.eventType,
    signal: {
      kind,
      installationId,
      jiraIssueId: issueId,
      jiraIssueKey: event.issue?.key ?? '',
      changedFieldIds: changedFieldIds(event.changelog?.items ?? []),
      ...(event.comment ? { commentId: event.comment.id } : {}),
      ...(actor ? { actorAccountId: actor } : {}),
      occurredAt: isoInstant(event.comment?.updated ?? event.issue?.fields?.updated, receivedAt),
    },
  };
}
