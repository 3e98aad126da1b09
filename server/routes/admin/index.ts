/** The admin page API (Forge module jira:adminPage), per server/contract/admin.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context';
import { adminAutoCreateAgainRoutes } from './auto-create-again';
import { adminConnectionRoutes } from './connection';
import { adminItemRoutes } from './items';
import { adminMetadataRoutes } from './metadata';

export const adminRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, opts) => {
  await app.register(adminConnectionRoutes, opts);
  await app.register(adminMetadataRoutes, opts);
  await app.register(adminItemRoutes, opts);
  await app.register(adminAutoCreateAgainRoutes, opts);
};
