/**
 * Liveness and readiness. /readyz checks PostgreSQL and Temporal so a load balancer can hold traffic,
 * and reports the event relay's backlog (events accepted but not yet signalled, failed signals).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.enum(['ok', 'failed']), temporal: z.enum(['ok', 'failed']) }),
  events: z.object({ queued: z.number(), inFlight: z.number(), signalled: z.number(), failedSignals: z.number() }),
});

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { auth: 'none' },
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { auth: 'none' },
      schema: { hide: true, response: { 200: readySchema, 503: readySchema } },
    },
    async (_request, reply) => {
      const [database, temporal] = await Promise.all([
        within(3_000, app.prisma.$queryRaw`SELECT 1`).then(
          () => 'ok' as const,
          () => 'failed' as const,
        ),
        within(3_000, app.temporal.workflowService.getSystemInfo({})).then(
          () => 'ok' as const,
          () => 'failed' as const,
        ),
      ]);
      const ready = database === 'ok' && temporal === 'ok';
      const { queued, inFlight, signalled, failedSignals } = app.relay.stats();
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: { database, temporal },
        events: { queued, inFlight, signalled, failedSignals },
      });
    },
  );
};
