/** The admin page API (Forge module jira:adminPage), per server/contract/admin.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminAutoCreateAgainRoutes } from './auto-create-again';
import { adminConnectionRoutes } from './connection';
import { adminItemRoutes } from './items';
import { adminMetadataRoutes } from './metadata';
import { adminReconcileRoutes } from './reconcile';
import { adminZohoWebhookRoutes } from './zoho-webhook';
import { adminCadenceRoutes } from './cadence';
import { adminHealthRoutes } from './health';
import { adminUserMappingRoutes } from './user-mappings';
import { adminPreviewRoutes } from './preview';
import { adminBackfillRoutes } from './backfill';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(adminConnectionRoutes);
  await app.register(adminMetadataRoutes);
  await app.register(adminPreviewRoutes);
  await app.register(adminBackfillRoutes);
  await app.register(adminItemRoutes);
  await app.register(adminAutoCreateAgainRoutes);
  await app.register(adminReconcileRoutes);
  await app.register(adminZohoWebhookRoutes);
  await app.register(adminCadenceRoutes);
  await app.register(adminHealthRoutes);
  await app.register(adminUserMappingRoutes);
};
