/**
 * The server wired for production (real clients from stored credentials), shared by the process
 * entry (main.ts) and the event benchmark so both measure and run the same thing.
 */
import type { FastifyInstance } from 'fastify';
import { createPrisma } from '../store/prisma';
import { createSecretBox } from '../store/secrets';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { AppDeps } from './deps';
import { createDefaultClientFactories } from '../clients/server-factories';
import { connectTemporalClient } from './temporal/client';

export interface ProductionServer {
  app: FastifyInstance;
  /** Closes Temporal, PostgreSQL and the outbound HTTP pools (not the app). */
  closeResources(): Promise<void>;
}

export async function buildProductionApp(
  config: ServerConfig,
  logger: NonNullable<AppDeps['logger']>,
  extra: Pick<AppDeps, 'taskQueue'> = {},
): Promise<ProductionServer> {
  const prisma = createPrisma(config.databaseUrl);
  const secrets = createSecretBox(process.env);
  const temporal = await connectTemporalClient(config.temporal);
  const clients = createDefaultClientFactories({
    prisma,
    secrets,
    overrides: {
      ZOHO_ACCOUNTS_URL: config.zoho.accountsUrl,
      ZOHO_API_URL: config.zoho.apiUrl,
      ZOHO_WEB_URL: config.zoho.webUrl,
    },
  });
  const app = await buildApp({
    config,
    prisma,
    secrets,
    logger,
    temporal: temporal.client,
    zohoFactory: clients.zohoFactory,
    jiraFactory: clients.jiraFactory,
    ...extra,
  });
  return {
    app,
    closeResources: async () => {
      await Promise.allSettled([temporal.close(), prisma.$disconnect(), clients.close()]);
    },
  };
}
