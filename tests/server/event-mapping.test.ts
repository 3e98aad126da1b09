/** Jira deliveries (real webhook payloads, Forge product events) map to the entity workflow's small signal. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forgeEventSchema, mapForgeEvent, unwrapForgeEvent } from '../../server/events/forge-event';
import { mapWebhook, siteOfWebhook, webhookPayloadSchema } from '../../server/events/webhook-event';

const REF = join(__dirname, '../../sim/ref/jira-webhooks');
const files = readdirSync(REF).filter((f) => f.endsWith('.json'));
const at = new Date('2026-11-28T12:00:00Z');

describe('Jira admin webhook payloads (sim/ref/jira-webhooks)', () => {
  it.each(files)('%s maps to a signal for its issue', (file) => {
    const payload = webhookPayloadSchema.parse(JSON.parse(readFileSync(join(REF, file), 'utf8')));
    const mapped = mapWebhook('inst-1', payload, 'hook-123', at);
    expect(mapped.deliveryKey).toBe('webhook:hook-123');
    expect(mapped.signal).not.toBeNull();
    expect(mapped.signal!.jiraIssueId).toBe(String(payload.issue!.id));
    expect(Number.isNaN(Date.parse(mapped.signal!.occurredAt))).toBe(false);
    expect(siteOfWebhook(payload)).toMatch(/^https:\/\/[a-z-]+\.atlassian\.net$/);
  });

  it('carries the changelog field ids and the actor of an update', () => {
    const payload = webhookPayloadSchema.parse(
      JSON.parse(readFileSync(join(REF, 'mattermost-webhook-issue-updated-multiple-values.json'), 'utf8')),
    );
    const { signal } = mapWebhook('inst-1', payload, undefined, at);
    expect(signal).toMatchObject({
      kind: 'issue_updated',
      changedFieldIds: ['fixVersions', 'assignee', 'customfield_10072'],
      actorAccountId: payload.user!.accountId,
    });
  });

  it('maps comment deliveries with the comment id', () => {
    const created = webhookPayloadSchema.parse(
      JSON.parse(readFileSync(join(REF, 'mattermost-webhook-cloud-comment-created.json'), 'utf8')),
    );
    expect(mapWebhook('i', created, 'x', at).signal).toMatchObject({ kind: 'comment_created', commentId: '10019' });
    const deleted = webhookPayloadSchema.parse(
      JSON.parse(readFileSync(join(REF, 'mattermost-webhook-cloud-comment-deleted.json'), 'utf8')),
    );
    expect(mapWebhook('i', deleted, 'y', at).signal).toMatchObject({ kind: 'comment_deleted', commentId: '10757' });
  });

  it('derives a stable delivery key from the body when the identifier header is missing', () => {
    const payload = webhookPayloadSchema.parse(
      JSON.parse(readFileSync(join(REF, 'mattermost-webhook-issue-updated-renamed.json'), 'utf8')),
    );
    expect(mapWebhook('i', payload, undefined, at).deliveryKey).toBe(
      mapWebhook('i', payload, undefined, new Date()).deliveryKey,
    );
  });
});

describe('Forge product events', () => {
  const updated = {
    payload: {
      eventType: 'avi:jira:updated:issue',
      atlassianId: 'acc-1',
      issue: { id: '10040', key: 'OPS-1', fields: { updated: '2026-11-28T10:00:00.000+0000' } },
      changelog: {
        items: [
          { field: 'summary', fieldId: 'summary' },
          { field: 'Billing', fieldId: 'customfield_10050' },
        ],
      },
    },
  };

  it('dedupes on installation + event type + issue id + fields.updated, across Forge retries', () => {
    const first = mapForgeEvent('inst', forgeEventSchema.parse(unwrapForgeEvent(updated)), at);
    const retry = mapForgeEvent(
      'inst',
      forgeEventSchema.parse(unwrapForgeEvent({ payload: { ...updated.payload, retryContext: { retryCount: 1 } } })),
      at,
    );
    expect(retry.deliveryKey).toBe(first.deliveryKey);
    expect(first.signal).toEqual({
      kind: 'issue_updated',
      installationId: 'inst',
      jiraIssueId: '10040',
      jiraIssueKey: 'OPS-1',
      changedFieldIds: ['summary', 'customfield_10050'],
      actorAccountId: 'acc-1',
      occurredAt: '2026-11-28T10:00:00.000Z',
    });
  });

  it('tells a comment edit from a new comment and keys it by comment id + updated', () => {
    const base = {
      eventType: 'avi:jira:commented:issue',
      issue: { id: '1', key: 'A-1' },
      comment: { id: '77', created: '2026-11-28T10:00:00.000Z', updated: '2026-11-28T10:00:00.000Z' },
    };
    const created = mapForgeEvent('i', forgeEventSchema.parse(base), at);
    const edited = mapForgeEvent(
      'i',
      forgeEventSchema.parse({ ...base, comment: { ...base.comment, updated: '2026-11-28T10:05:00.000Z' } }),
      at,
    );
    expect(created.signal).toMatchObject({ kind: 'comment_created', commentId: '77' });
    expect(edited.signal).toMatchObject({ kind: 'comment_updated', commentId: '77' });
    expect(created.deliveryKey).not.toBe(edited.deliveryKey);
  });

  it('acknowledges events it does not sync without a signal', () => {
    const other = mapForgeEvent(
      'i',
      forgeEventSchema.parse({ eventType: 'avi:jira:viewed:issue', issue: { id: '1' } }),
      at,
    );
    expect(other.signal).toBeNull();
  });
});
