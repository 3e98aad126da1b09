/** The issue panel API (Forge module jira:issuePanel), per server/contract/panel.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { panelAssociationRoutes } from './associations';
import { panelHistoryRoutes } from './history';
import { panelItemRoutes } from './items';
import { panelLinkRoutes } from './link';

export const panelRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(panelItemRoutes);
  await app.register(panelLinkRoutes);
  await app.register(panelAssociationRoutes);
  await app.register(panelHistoryRoutes);
};
