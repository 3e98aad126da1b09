/**
 * Admin: "allow auto-create again" for one Zoho record. A record that was linked once is never
 * auto-created again after its link is removed (no duplicate Jira issue); the admin lifts that here,
 * and the next cycle that sees the record changed creates a new issue for it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allowAutoCreateAgain } from '../../../store/links';
import { allowAutoCreateAgainResultSchema } from '../../contract/admin';
import { invocationOf } from '../../plugins/forge-auth';
import { createItemStore } from '../../services/item-store';

const auth = { auth: 'admin' as const };
const tags = ['admin: Smart Connected Items'];
const params = z.object({ id: z.string().uuid(), zohoRecordId: z.string().regex(/^\d{1,25}$/) });

export const adminAutoCreateAgainRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createItemStore(app.prisma);
  app.post(
    '/items/:id/records/:zohoRecordId/allow-auto-create',
    { config: auth, schema: { tags, params, response: { 200: allowAutoCreateAgainResultSchema } } },
    async (request) => {
      const { installationId } = invocationOf(request);
      await store.find(installationId, request.params.id); // 404 for another installation's item
      const allowed = await allowAutoCreateAgain(app.prisma, request.params.id, request.params.zohoRecordId);
      request.log.info({ installationId, sciId: request.params.id, allowed }, 'auto-create allowed again for a record');
      return { allowed };
    },
  );
};
