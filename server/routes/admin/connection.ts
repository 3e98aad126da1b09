/** Admin: Zoho connection (save / read / revoke), data centers and the installation's status. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listDataCenters } from '../../../integrations/zoho/data-centers';
import {
  adminStatusSchema,
  connectionSummarySchema,
  dataCenterSchema,
  saveConnectionBodySchema,
} from '../../contract/admin';
import { invocationOf } from '../../plugins/forge-auth';

const auth = { auth: 'admin' as const };
const tags = ['admin: connection'];

export const adminConnectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/data-centers',
    {
      config: auth,
      schema: { tags, response: { 200: z.object({ dataCenters: z.array(dataCenterSchema) }) } },
    },
    async () => ({ dataCenters: listDataCenters() }),
  );

  app.get(
    '/connection',
    {
      config: auth,
      schema: { tags, response: { 200: connectionSummarySchema } },
    },
    async (request) => app.zoho.summary(invocationOf(request).installationId),
  );

  app.put(
    '/connection',
    {
      config: auth,
      schema: { tags, body: saveConnectionBodySchema, response: { 200: connectionSummarySchema } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const summary = await app.zoho.save(installationId, request.body);
      app.metadata.clear(installationId);
      request.log.info({ installationId, dataCenter: request.body.dataCenter }, 'zoho connection saved');
      return summary;
    },
  );

  app.delete(
    '/connection',
    {
      config: auth,
      schema: { tags, response: { 200: z.object({ connected: z.literal(false), revokedAtZoho: z.boolean() }) } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { revokedAtZoho } = await app.zoho.revoke(installationId);
      app.metadata.clear(installationId);
      request.log.info({ installationId, revokedAtZoho }, 'zoho connection revoked');
      return { connected: false as const, revokedAtZoho };
    },
  );

  app.get(
    '/status',
    {
      config: auth,
      schema: { tags, response: { 200: adminStatusSchema } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      return {
        installationId,
        ...(await app.installations.tokenStatus(installationId)),
        temporalWebUrl: `${app.config.temporal.webUrl}/namespaces/${encodeURIComponent(app.config.temporal.namespace)}/schedules`,
      };
    },
  );
};
