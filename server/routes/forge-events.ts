/** Forge product events (issue created/updated/deleted, commented, comment deleted) → Temporal signal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { AppError } from '../errors';
import { forgeEventSchema, mapForgeEvent, unwrapForgeEvent } from '../events/forge-event';
import { invocationOf } from '../plugins/forge-auth';

export const eventAckSchema = z.object({ outcome: z.enum(['signalled', 'duplicate', 'not_linked', 'ignored']) });

export const forgeEventRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.post('/forge/events', {
    config: { auth: 'forge-event' },
    schema: { hide: true, body: z.unknown(), response: { 200: eventAckSchema } },
  }, async (request) => {
    const inv = invocationOf(request);
    const parsed = forgeEventSchema.safeParse(unwrapForgeEvent(request.body));
    if (!parsed.success) throw new AppError('bad_request', 'The body is not a Forge product event.');
    const mapped = mapForgeEvent(inv.installationId, parsed.data, ctx.clock());
    const outcome = await ctx.intake(inv.installationId, 'forge', mapped);
    request.log.info({ installationId: inv.installationId, eventType: mapped.eventType, outcome }, 'forge event');
    return { outcome };
  });
};
