/**
 * The event path's moving parts as decorators: `app.relay` (outbox → Temporal, events/relay.ts),
 * `app.intake` (delivery → outbox, events/intake.ts) and `app.receiptRetention`. The relay sweeps
 * and the retention prunes while the app runs (from onReady); when the app closes the relay drains
 * what it holds, before Temporal and PostgreSQL close (onClose hooks run in reverse order).
 */
import fp from 'fastify-plugin';
import { createEventIntake, type EventIntake } from '../events/intake';
import { createEventRelay, type EventRelay, type EventRelayOptions } from '../events/relay';
import { createReceiptRetention, type ReceiptRetention } from '../events/receipt-retention';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends accepted events to Temporal. */
    relay: EventRelay;
    /** Records a delivery and, for a linked issue, its event in the outbox. */
    intake: EventIntake;
    /** Deletes settled delivery receipts past EVENT_RECEIPT_RETENTION_DAYS. */
    receiptRetention: ReceiptRetention;
  }
}

export interface EventsPluginOptions {
  retentionDays: number;
  now: () => number;
  /** Relay tuning (concurrency, sweeper period, lease); defaults suit production. */
  relay?: EventRelayOptions;
}

export default fp<EventsPluginOptions>(
  async (app, opts) => {
    const relay = createEventRelay({
      prisma: app.prisma,
      temporal: app.temporal,
      taskQueue: app.taskQueue,
      logger: app.log,
      options: opts.relay,
    });
    const receiptRetention = createReceiptRetention(app.prisma, {
      keepMs: opts.retentionDays * 24 * 60 * 60_000,
      now: opts.now,
      logger: app.log,
    });
    app.decorate('relay', relay);
    app.decorate('intake', createEventIntake({ prisma: app.prisma, relay }));
    app.decorate('receiptRetention', receiptRetention);
    app.addHook('onReady', async () => {
      relay.start();
      receiptRetention.start();
    });
    app.addHook('onClose', async () => {
      await receiptRetention.stop();
      await relay.close();
    });
  },
  { name: 'zjc-events', dependencies: ['zjc-prisma', 'zjc-temporal'] },
);
