/** Gauges the server refreshes at each scrape from shared state (the PostgreSQL outbox). */
import type { PrismaClient } from '../store/prisma';
import { outboxStats } from '../store/outbox-stats';
import { outboxBacklog, outboxOldestAge } from './registry';

export function serverMetricsCollector(prisma: PrismaClient): () => Promise<void> {
  return async () => {
    const { backlog, oldestAgeSeconds } = await outboxStats(prisma);
    outboxBacklog.set(backlog);
    outboxOldestAge.set(oldestAgeSeconds);
  };
}
