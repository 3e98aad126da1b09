/** The issue panel API (Forge module jira:issuePanel), per server/contract/panel.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context';
import { panelAssociationRoutes } from './associations';
import { panelItemRoutes } from './items';
import { panelLinkRoutes } from './link';

export const panelRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, opts) => {
  await app.register(panelItemRoutes, opts);
  await app.register(panelLinkRoutes, opts);
  await app.register(panelAssociationRoutes, opts);
};
