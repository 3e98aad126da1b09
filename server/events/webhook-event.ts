/**
 * Maps a Jira admin webhook delivery (classic format: webhookEvent, issue, changelog, comment; see
 * shared/ref/jira-webhooks/) to the entity workflow's signal payload. Pure: no I/O.
 * Deliveries are deduplicated on X-Atlassian-Webhook-Identifier, stable across retries.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JiraIssueEventKind } from '../../workflows/signals';
import { changedFieldIds, isoInstant, type MappedEvent } from './forge-event';

export const webhookPayloadSchema = z
  .object({
    webhookEvent: z.string().min(1),
    timestamp: z.number().optional(),
    user: z.object({ accountId: z.string().optional() }).passthrough().optional(),
    issue: z
      .object({
        id: z.coerce.string(),
        key: z.string().optional(),
        self: z.string().optional(),
        fields: z.object({ updated: z.string().optional() }).passthrough().nullish(),
      })
      .passthrough()
      .optional(),
    changelog: z
      .object({
        items: z
          .array(z.object({ field: z.string().optional(), fieldId: z.string().optional() }).passthrough())
          .default([]),
      })
      .passthrough()
      .optional(),
    comment: z
      .object({
        id: z.coerce.string(),
        author: z.object({ accountId: z.string().optional() }).passthrough().optional(),
        updateAuthor: z.object({ accountId: z.string().optional() }).passthrough().optional(),
        updated: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

const KIND_BY_EVENT: Record<string, JiraIssueEventKind> = {
  'jira:issue_created': 'issue_created',
  'jira:issue_updated': 'issue_updated',
  'jira:issue_deleted': 'issue_deleted',
  comment_created: 'comment_created',
  comment_updated: 'comment_updated',
  comment_deleted: 'comment_deleted',
};

/** The Jira site of a delivery, from `issue.self` (https://<site>.atlassian.net/rest/api/2/issue/1). */
export function siteOfWebhook(payload: WebhookPayload): string | null {
  const self = payload.issue?.self;
  if (!self) return null;
  try {
    return new URL(self).origin;
  } catch {
    return null;
  }
}

export function mapWebhook(
  installationId: string,
  payload: WebhookPayload,
  identifier: string | undefined,
  receivedAt: Date,
): MappedEvent {
  const deliveryKey = identifier
    ? `webhook:${identifier}`
    : `webhook:${createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 40)}`;
  const kind = KIND_BY_EVENT[payload.webhookEvent];
  const issueId = payload.issue?.id;
  if (!kind || !issueId) return { deliveryKey, eventType: payload.webhookEvent, signal: null };
  const actor =
    payload.comment?.updateAuthor?.accountId ?? payload.comment?.author?.accountId ?? payload.user?.accountId;
  const at = isoInstant(
    payload.comment?.updated ?? payload.issue?.fields?.updated,
    payload.timestamp ? new Date(payload.timestamp) : receivedAt,
  );
  return {
    deliveryKey,
    eventType: payload.webhookEvent,
    signal: {
      kind,
      installationId,
      jiraIssueId: issueId,
      jiraIssueKey: payload.issue?.key ?? '',
      changedFieldIds: changedFieldIds(payload.changelog?.items ?? []),
      ...(payload.comment ? { commentId: payload.comment.id } : {}),
      ...(actor ? { actorAccountId: actor } : {}),
      occurredAt: at,
    },
  };
}
