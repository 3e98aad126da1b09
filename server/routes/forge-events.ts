/**
 * Forge product events (issue created/updated/deleted, commented, comment deleted) → the event
 * outbox (server/events/intake.ts): answered `accepted` once the event is committed in PostgreSQL,
 * so Forge's 5 s budget and its retries do not depend on Temporal being up.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors';
import { INTAKE_OUTCOMES } from '../events/intake';
import { forgeEventSchema, mapForgeEvent, unwrapForgeEvent } from '../events/forge-event';
import { invocationOf } from '../plugins/forge-auth';

declare module 'fastify' {
  interface FastifyRequest {
    deliveryEnded?: () => void;
  }
}

export const eventAckSchema = z.object({ outcome: z.enum(INTAKE_OUTCOMES) });

export const forgeEventRoutes: FastifyPluginAsyncZod = async (app) => {
  // Deliveries in progress (from arrival, before FIT verification) make the relay hold its signals.
  app.addHook('onRequest', async (request) => {
    request.deliveryEnded = app.relay.begin();
  });
  app.addHook('onResponse', async (request) => {
    request.deliveryEnded?.();
  });
  app.addHook('onRequestAbort', async (request) => {
    request.deliveryEnded?.();
  });
  app.post(
    '/events',
    {
      config: { auth: 'forge-event' },
      schema: { hide: true, body: z.unknown(), response: { 200: eventAckSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      const parsed = forgeEventSchema.safeParse(unwrapForgeEvent(request.body));
      if (!parsed.success) throw new AppError('bad_request', 'The body is not a Forge product event.');
      const mapped = mapForgeEvent(inv.installationId, parsed.data, app.clock());
      const outcome = await app.intake(inv.installationId, 'forge', mapped);
      request.log.info({ installationId: inv.installationId, eventType: mapped.eventType, outcome }, 'forge event');
      return { outcome };
    },
  );
};
