/**
 * The one path from an inbound Jira delivery to Temporal: record the delivery (dedupe), and when the
 * issue is linked, signalWithStart its entity workflow. Never calls Jira or Zoho.
 */
import type { Client } from '@temporalio/client';
import { signalIssueEvent } from '../../activities/temporal/schedules';
import type { PrismaClient } from '../../activities/store/prisma';
import type { MappedEvent } from '../events/forge-event';

export type IntakeOutcome = 'signalled' | 'duplicate' | 'not_linked' | 'ignored';

export interface EventIntakeDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue?: string;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

export function createEventIntake(deps: EventIntakeDeps) {
  return async function accept(installationId: string, source: 'forge' | 'webhook', event: MappedEvent): Promise<IntakeOutcome> {
    let receiptId: string;
    try {
      const receipt = await deps.prisma.eventReceipt.create({
        data: { installationId, deliveryKey: event.deliveryKey, source, eventType: event.eventType },
        select: { id: true },
      });
      receiptId = receipt.id;
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
    if (!event.signal) return 'ignored';
    const linked = await deps.prisma.link.count({ where: { installationId, jiraIssueId: event.signal.jiraIssueId } });
    if (linked === 0) return 'not_linked';
    try {
      await signalIssueEvent(deps.temporal, event.signal, { taskQueue: deps.taskQueue });
    } catch (err) {
      // Let the sender retry: forget the receipt so the retry is not taken for a duplicate.
      await deps.prisma.eventReceipt.delete({ where: { id: receiptId } }).catch(() => undefined);
      throw err;
    }
    return 'signalled';
  };
}
export type EventIntake = ReturnType<typeof createEventIntake>;
