/** Development-only routes, registered only when DEV_CONSOLE=true: the local FIT key set. */
import type { FastifyPluginAsync } from 'fastify';
import { devJwks } from './dev-keys';

export const devRoutes: FastifyPluginAsync = async (app) => {
  app.get('/dev/jwks.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => devJwks());
};
