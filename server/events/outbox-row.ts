/**
 * An outbox row read back from PostgreSQL (the relay's sweeper) is input like any other: its signal
 * payload is checked before it is sent. A row that does not hold a valid event cannot ever be
 * delivered, so it is set aside as `invalid` (with the reason) instead of failing every sweep.
 */
import { z } from 'zod';
import { JIRA_ISSUE_EVENT_KINDS } from '../../workflows/signals';
import type { OutboxEvent } from './relay';

const signalSchema = z.object({
  kind: z.enum(JIRA_ISSUE_EVENT_KINDS),
  installationId: z.string().min(1),
  jiraIssueId: z.string().min(1),
  jiraIssueKey: z.string(),
  changedFieldIds: z.array(z.string()),
  commentId: z.string().optional(),
  actorAccountId: z.string().optional(),
  occurredAt: z.string().min(1),
});

export interface SweptRow {
  id: string;
  seq: bigint | number;
  signal: unknown;
}

export function parseOutboxRows(rows: SweptRow[]): {
  events: OutboxEvent[];
  invalid: Array<{ id: string; reason: string }>;
} {
  const events: OutboxEvent[] = [];
  const invalid: Array<{ id: string; reason: string }> = [];
  for (const r of rows) {
    const parsed = signalSchema.safeParse(r.signal);
    if (parsed.success) events.push({ receiptId: r.id, seq: Number(r.seq), event: parsed.data });
    else
      invalid.push({
        id: r.id,
        reason: `not a Jira issue event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'signal'} ${i.message}`).join('; ')}`,
      });
  }
  return { events, invalid };
}
