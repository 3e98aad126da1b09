/** The grid's "drift found N / fixed M": each item's latest reconcile run, added to the item view. */
import type { FastifyInstance } from 'fastify';
import { latestReconciles } from '../../store/reconcile-runs';
import { temporalRunUrl } from '../../temporal.config';
import type { Item } from '../contract/admin';

export async function withLatestReconciles(
  app: Pick<FastifyInstance, 'prisma' | 'config'>,
  items: Item[],
): Promise<Item[]> {
  const latest = await latestReconciles(
    app.prisma,
    items.map((i) => i.id),
  );
  return items.map((item) => {
    const r = latest.get(item.id);
    return {
      ...item,
      latestReconcile: r
        ? {
            status: r.status,
            startedAt: r.startedAt.toISOString(),
            finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
            driftFound: r.driftFound,
            driftFixed: r.driftFixed,
            temporalUrl: temporalRunUrl(app.config.temporal, r.workflowId, r.runId),
          }
        : null,
    };
  });
}

export async function latestReconcileOf(app: Pick<FastifyInstance, 'prisma' | 'config'>, item: Item): Promise<Item> {
  const [withIt] = await withLatestReconciles(app, [item]);
  return withIt;
}
