/**
 * The one path from an inbound Jira delivery to Temporal (a durable inbox / transactional outbox).
 * ONE SQL statement shared by concurrent requests (receipt-batch.ts) records the delivery (dedupe),
 * checks the issue is linked and, for a linked issue, stores the entity signal payload as a
 * `pending` row. The answer (`accepted`) is given as soon as that row is committed: the relay
 * (relay.ts, woken in the same turn) then signals the issue's entity workflow. So Forge's 5 s
 * budget and its retries no longer depend on Temporal being up: an event accepted while Temporal is
 * unreachable waits in PostgreSQL and is delivered when Temporal answers again. Never calls Jira
 * or Zoho.
 */
import type { PrismaClient } from '../../store/prisma';
import type { MappedEvent } from './forge-event';
import { createReceiptBatcher, type ReceiptBatcherOptions } from './receipt-batch';
import type { EventRelay } from './relay';

export type IntakeOutcome = 'accepted' | 'duplicate' | 'not_linked' | 'ignored';
export const INTAKE_OUTCOMES = [
  'accepted',
  'duplicate',
  'not_linked',
  'ignored',
] as const satisfies readonly IntakeOutcome[];

export interface EventIntakeDeps {
  prisma: PrismaClient;
  relay: Pick<EventRelay, 'enqueue'>;
  receipts?: ReceiptBatcherOptions;
}

export function createEventIntake(deps: EventIntakeDeps) {
  const claim = createReceiptBatcher(deps.prisma, deps.receipts);
  return async function accept(
    installationId: string,
    source: 'forge' | 'webhook',
    event: MappedEvent,
  ): Promise<IntakeOutcome> {
    const answer = await claim({
      installationId,
      deliveryKey: event.deliveryKey,
      source,
      eventType: event.eventType,
      jiraIssueId: event.signal?.jiraIssueId ?? null,
      signal: event.signal,
    });
    if (!answer.receiptId) return 'duplicate';
    if (!event.signal) return 'ignored';
    if (!answer.linked) return 'not_linked';
    deps.relay.enqueue([{ receiptId: answer.receiptId, seq: answer.seq, event: event.signal }]);
    return 'accepted';
  };
}
export type EventIntake = ReturnType<typeof createEventIntake>;
