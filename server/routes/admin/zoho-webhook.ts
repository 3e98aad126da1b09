/**
 * Admin: the item's Zoho webhook (README "Sync cadence and Zoho webhooks"). POST turns it on with a
 * new token (each call rotates it) and returns the path to give Zoho — the only time the token is
 * shown; the database keeps only its SHA-256 digest. DELETE turns it off.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invocationOf } from '../../plugins/forge-auth';
import { createItemStore } from '../../services/item-store';
import { newWebhookToken, storedWebhookToken } from '../../services/zoho-webhook-token';

const auth = { auth: 'admin' as const };
const tags = ['admin: Smart Connected Items'];
const params = z.object({ id: z.string().uuid() });
const webhookSchema = z.object({
  enabled: z.boolean(),
  /** Path with the new token, relative to the server's public URL; null when turned off. */
  path: z.string().nullable(),
});

export const adminZohoWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createItemStore(app.prisma);
  const setToken = (id: string, stored: string | null) =>
    app.prisma.smartConnectedItem.update({ where: { id }, data: { zohoWebhookToken: stored } });

  app.post(
    '/items/:id/zoho-webhook',
    {
      config: auth,
      schema: { tags, summary: 'Turn the Zoho webhook on with a new token', params, response: { 200: webhookSchema } },
    },
    async (request) => {
      const row = await store.find(invocationOf(request).installationId, request.params.id);
      const token = newWebhookToken();
      await setToken(row.id, storedWebhookToken(token));
      request.log.info({ sciId: row.id }, 'zoho webhook token issued');
      return { enabled: true, path: `/webhooks/zoho/${row.id}?token=${token}` };
    },
  );
  app.delete(
    '/items/:id/zoho-webhook',
    {
      config: auth,
      schema: { tags, summary: 'Turn the Zoho webhook off', params, response: { 200: webhookSchema } },
    },
    async (request) => {
      const row = await store.find(invocationOf(request).installationId, request.params.id);
      await setToken(row.id, null);
      return { enabled: false, path: null };
    },
  );
};
