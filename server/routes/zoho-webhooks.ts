/**
 * Zoho Projects webhooks → the item's Zoho → Jira cycle at once. Zoho Projects documents outbound
 * webhooks for Issues (Issue Tracker settings → Webhooks, called from a business rule) and, on
 * current plans, for tasks through workflow rules; the body's parameters are chosen by the admin
 * and "custom parameters" carry auth tokens (help.zoho.com, Zoho Projects "Webhooks"; see
 * sim/README.md). So the secret is a per-item token in the URL (`?token=`, a custom parameter
 * appended to the URL) or a `token` body parameter, compared in constant time; the body is
 * otherwise free-form and never trusted: the cycle re-reads Zoho. A burst starts one cycle: the
 * schedule is triggered with overlap SKIP, and deliveries within the dedupe window are acknowledged
 * without another trigger.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { syncPause } from '../../workflows/core/sync-activity';
import { AppError } from '../errors';
import { tokenMatches } from '../services/zoho-webhook-token';
import { triggerSyncNow } from '../temporal/schedules';

/** Deliveries for one item inside this window start no second cycle (the first one reads them all). */
export const ZOHO_WEBHOOK_DEDUPE_MS = 10_000;

const params = z.object({ sciId: z.string().uuid() });
const query = z.object({ token: z.string().min(1).max(200).optional() }).passthrough();
/** Zoho sends the parameters the admin configured (form fields or a user-defined JSON). */
const body = z.union([z.record(z.string(), z.unknown()), z.string(), z.null(), z.undefined()]);
const ackSchema = z.object({ accepted: z.boolean(), triggered: z.boolean() });

export const zohoWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, raw, done) => {
    done(null, Object.fromEntries(new URLSearchParams(raw as string)));
  });
  const lastTrigger = new Map<string, number>();

  app.post(
    '/zoho/:sciId',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['webhooks'],
        summary: 'Zoho Projects webhook: run the item’s Zoho → Jira cycle now',
        params,
        querystring: query,
        body,
        response: { 202: ackSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const bodyToken = b && typeof b === 'object' && typeof b.token === 'string' ? b.token : undefined;
      const item = await app.prisma.smartConnectedItem.findUnique({
        where: { id: request.params.sciId },
        select: {
          id: true,
          enabled: true,
          mode: true,
          zohoWebhookToken: true,
          installation: { select: { status: true } },
        },
      });
      // One answer for "no such item", "webhook off" and "wrong token": nothing to probe.
      if (!item || !tokenMatches(request.query.token ?? bodyToken, item.zohoWebhookToken))
        throw new AppError('unauthorized', 'The webhook token is not valid for this item.');
      if (syncPause({ enabled: item.enabled, mode: item.mode, installationStatus: item.installation.status }))
        return reply.code(202).send({ accepted: true, triggered: false });
      const now = Date.now();
      const last = lastTrigger.get(item.id) ?? 0;
      if (now - last < ZOHO_WEBHOOK_DEDUPE_MS) return reply.code(202).send({ accepted: true, triggered: false });
      lastTrigger.set(item.id, now);
      await triggerSyncNow(app.temporal, item.id);
      request.log.info({ sciId: item.id }, 'zoho webhook: cycle triggered');
      return reply.code(202).send({ accepted: true, triggered: true });
    },
  );
};
