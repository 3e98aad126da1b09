/**
 * Retention of delivery receipts (EventReceipt). A receipt must outlive every retry of its delivery
 * (Forge retries for minutes, Jira webhooks for about 30 minutes) to keep absorbing duplicates, and
 * no longer than an operator needs to look back. Settled rows (signalled, not linked, ignored) older
 * than the retention are deleted in small chunks; a pending row is never deleted: it still has to
 * reach its workflow. Any number of server processes may prune at once.
 */
import type { PrismaClient } from '../../store/prisma';

export interface ReceiptRetentionOptions {
  /** How long settled receipts are kept (default 7 days). */
  keepMs?: number;
  /** How often to prune (default hourly; the first run is one interval after start). */
  everyMs?: number;
  /** Rows per DELETE statement (default 5 000), so one prune never holds long locks. */
  chunk?: number;
  now?: () => number;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export const DEFAULT_RECEIPT_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** Deletes settled receipts received before `before`; returns how many went. */
export async function pruneEventReceipts(prisma: PrismaClient, before: Date, chunk = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    // receivedAt is timestamp(3) without zone, in UTC (as Prisma writes it).
    const n = await prisma.$executeRaw`
      DELETE FROM "EventReceipt" WHERE "id" IN (
        SELECT "id" FROM "EventReceipt"
        WHERE "state" <> 'pending' AND "receivedAt" < ${before.toISOString()}::timestamp(3)
        LIMIT ${chunk})`;
    total += n;
    if (n < chunk) return total;
  }
}

export function createReceiptRetention(prisma: PrismaClient, o: ReceiptRetentionOptions = {}) {
  const keepMs = o.keepMs ?? DEFAULT_RECEIPT_RETENTION_MS;
  const now = o.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  const prune = (): Promise<number> => {
    running ??= pruneEventReceipts(prisma, new Date(now() - keepMs), o.chunk)
      .then(
        (n) => {
          if (n > 0) o.logger?.info({ deleted: n }, 'event receipts past retention deleted');
          return n;
        },
        (err: unknown) => {
          o.logger?.warn({ err: (err as Error).message }, 'event receipt retention failed; the next run retries');
          return 0;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return {
    prune,
    start() {
      timer ??= setInterval(
        () => {
          void prune();
        },
        o.everyMs ?? 60 * 60_000,
      );
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
export type ReceiptRetention = ReturnType<typeof createReceiptRetention>;
