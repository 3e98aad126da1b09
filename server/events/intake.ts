/**
 * The one path from an inbound Jira delivery to Temporal: record the delivery (dedupe) and check the
 * issue is linked, in one SQL statement shared by concurrent requests (receipt-batch.ts), then
 * signal (or signalWithStart, entity-signal.ts) the issue's entity workflow. Never calls Jira or
 * Zoho. The answer is given only once Temporal holds the signal: a failure forgets the receipt so
 * the sender's retry is not taken for a duplicate.
 */
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/store/prisma';
import { createEntitySignaller } from './entity-signal';
import type { MappedEvent } from './forge-event';
import { createReceiptBatcher, type ReceiptBatcherOptions } from './receipt-batch';

export type IntakeOutcome = 'signalled' | 'duplicate' | 'not_linked' | 'ignored';

export interface EventIntakeDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue?: string;
  receipts?: ReceiptBatcherOptions;
}

export function createEventIntake(deps: EventIntakeDeps) {
  const claim = createReceiptBatcher(deps.prisma, deps.receipts);
  const signalEntity = createEntitySignaller({ temporal: deps.temporal, taskQueue: deps.taskQueue });
  return async function accept(installationId: string, source: 'forge' | 'webhook', event: MappedEvent): Promise<IntakeOutcome> {
    const { receiptId, linked } = await claim({
      installationId, deliveryKey: event.deliveryKey, source, eventType: event.eventType, jiraIssueId: event.signal?.jiraIssueId ?? null,
    });
    if (!receiptId) return 'duplicate';
    if (!event.signal) return 'ignored';
    if (!linked) return 'not_linked';
    try {
      await signalEntity(event.signal);
    } catch (err) {
      await deps.prisma.eventReceipt.delete({ where: { id: receiptId } }).catch(() => undefined);
      throw err;
    }
    return 'signalled';
  };
}
export type EventIntake = ReturnType<typeof createEventIntake>;
