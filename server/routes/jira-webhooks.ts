/**
 * Optional ingress for Jira admin webhooks (sites running background sync without the Forge app).
 * HMAC-verified over the raw body (auth mode 'webhook'), deduplicated on X-Atlassian-Webhook-Identifier.
 * The installation is named by `?installation=<id>`, or found by the site of `issue.self`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors';
import { mapWebhook, siteOfWebhook, webhookPayloadSchema } from '../events/webhook-event';
import { eventAckSchema } from './forge-events';

export const jiraWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  // Keep the raw body for the signature (this parser applies to this plugin's routes only).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('bad_request', 'The body is not valid JSON.'), undefined);
    }
  });

  // Deliveries in progress make the event relay hold its signals (see server/events/relay.ts).
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
    '/jira',
    {
      config: { auth: 'webhook' },
      schema: {
        hide: true,
        querystring: z.object({ installation: z.string().min(1).max(200).optional() }),
        body: z.unknown(),
        response: { 200: eventAckSchema },
      },
    },
    async (request) => {
      const parsed = webhookPayloadSchema.safeParse(request.body);
      if (!parsed.success) throw new AppError('bad_request', 'The body is not a Jira webhook delivery.');
      const site = siteOfWebhook(parsed.data);
      const installation = request.query.installation
        ? await app.prisma.installation.findUnique({ where: { id: request.query.installation }, select: { id: true } })
        : site
          ? await app.prisma.installation.findFirst({ where: { siteUrl: site }, select: { id: true } })
          : null;
      if (!installation)
        throw new AppError(
          'not_found',
          'No installation matches this webhook (add ?installation=<id> to the webhook URL).',
        );
      const identifier = request.headers['x-atlassian-webhook-identifier'];
      const mapped = mapWebhook(
        installation.id,
        parsed.data,
        Array.isArray(identifier) ? identifier[0] : identifier,
        app.clock(),
      );
      const outcome = await app.intake(installation.id, 'webhook', mapped);
      request.log.info({ installationId: installation.id, eventType: mapped.eventType, outcome }, 'jira webhook');
      return { outcome };
    },
  );
};
