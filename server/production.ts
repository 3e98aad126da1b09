/**
 * The server wired for production (real clients from stored credentials), shared by the process
 * entry (main.ts) and the event benchmark so both measure and run the same thing.
 */
import type { FastifyInstance } from 'fastify';
import { createPrisma, type PrismaClient } from '../store/prisma';
import { createSecretBox, type SecretBox } from '../store/secrets';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { AppDeps } from './deps';
import { createClientRegistry, type ClientRegistryOptions } from '../clients/registry';
import { connectTemporalClient } from './temporal/client';

export interface ProductionServer {
  app: FastifyInstance;
  /** Closes Temporal, PostgreSQL and the outbound HTTP pools (not the app). */
  closeResources(): Promise<void>;
}

/** The server's client registry settings, the same variables the worker reads (worker/settings.ts). */
export function serverClientRegistryOptions(
  config: ServerConfig,
  prisma: PrismaClient,
  secrets: SecretBox,
): ClientRegistryOptions {
  return {
    prisma,
    secrets,
    jiraApiBaseOverride: config.jiraApiBaseOverride,
    zohoBudgetPer2Min: config.zohoBudgetPer2Min,
    // Panel and admin calls: may use the share of the Zoho budget that background sync leaves.
    zohoBudgetLane: 'interactive',
    zohoOverrides: {
      ZOHO_ACCOUNTS_URL: config.zoho.accountsUrl,
      ZOHO_API_URL: config.zoho.apiUrl,
      ZOHO_WEB_URL: config.zoho.webUrl,
    },
  };
}

export async function buildProductionApp(
  config: ServerConfig,
  logger: NonNullable<AppDeps['logger']>,
  extra: Pick<AppDeps, 'taskQueue'> = {},
): Promise<ProductionServer> {
  const prisma = createPrisma(config.databaseUrl);
  const secrets = createSecretBox(process.env);
  const temporal = await connectTemporalClient(config.temporal);
  const clients = createClientRegistry(serverClientRegistryOptions(config, prisma, secrets));
  const app = await buildApp({ config, prisma, secrets, logger, temporal: temporal.client, clients, ...extra });
  return {
    app,
    closeResources: async () => {
      await Promise.allSettled([temporal.close(), prisma.$disconnect(), clients.close()]);
    },
  };
}
