/**
 * Retention of the per-link sync history: rows older than SYNC_HISTORY_RETENTION_DAYS are deleted
 * in chunks, hourly, by every server process (a concurrent prune deletes nothing twice).
 */
import type { PrismaClient } from './prisma';
import { pruneHistory } from './sync-history';

export const DEFAULT_HISTORY_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

export interface HistoryRetentionOptions {
  keepDays?: number;
  everyMs?: number;
  now?: () => number;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function createHistoryRetention(prisma: PrismaClient, o: HistoryRetentionOptions = {}) {
  const keepMs = (o.keepDays ?? DEFAULT_HISTORY_RETENTION_DAYS) * DAY_MS;
  const now = o.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  const prune = (): Promise<number> => {
    running ??= pruneHistory(prisma, new Date(now() - keepMs))
      .then(
        (n) => {
          if (n > 0) o.logger?.info({ deleted: n }, 'sync history past retention deleted');
          return n;
        },
        (err: unknown) => {
          o.logger?.warn({ err: (err as Error).message }, 'sync history retention failed; the next run retries');
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
      timer ??= setInterval(() => void prune(), o.everyMs ?? 60 * 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
export type HistoryRetention = ReturnType<typeof createHistoryRetention>;
