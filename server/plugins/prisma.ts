/**
 * PostgreSQL through Prisma as `app.prisma`. The plugin opens the client from DATABASE_URL and
 * disconnects it when the app closes; a client handed in (tests share one) stays its owner's.
 */
import fp from 'fastify-plugin';
import { createPrisma, type PrismaClient } from '../../store/prisma';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

export interface PrismaPluginOptions {
  databaseUrl: string;
  /** An open client to use instead (not disconnected by the app). */
  client?: PrismaClient;
}

export default fp<PrismaPluginOptions>(
  async (app, opts) => {
    const prisma = opts.client ?? createPrisma(opts.databaseUrl);
    app.decorate('prisma', prisma);
    if (!opts.client) app.addHook('onClose', async () => prisma.$disconnect());
  },
  { name: 'zjc-prisma' },
);
