/**
 * The server's real dependencies for tests, wired the way server/production.ts wires them: config
 * from the environment, PostgreSQL, the secret box, a Temporal client and the default outbound
 * client factories. Used by the server harness and the browser-test stack.
 */
import { Client, Connection } from '@temporalio/client';
import { createPrisma } from '../../store/prisma';
import { createSecretBox } from '../../store/secrets';
import { loadServerConfig } from '../../server/config';
import { createDefaultClientFactories } from '../../clients/server-factories';

export async function openServerDeps(
  env: NodeJS.ProcessEnv,
  overrides: { ZOHO_ACCOUNTS_URL: string; ZOHO_API_URL: string; ZOHO_WEB_URL: string },
) {
  const config = loadServerConfig(env);
  const prisma = createPrisma(config.databaseUrl);
  const secrets = createSecretBox(env);
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const clients = createDefaultClientFactories({ prisma, secrets, overrides });
  return {
    config,
    prisma,
    secrets,
    temporal,
    clients,
    /** Closes the outbound pools, Temporal and PostgreSQL (not the app). */
    async close(): Promise<void> {
      await Promise.allSettled([clients.close(), connection.close(), prisma.$disconnect()]);
    },
  };
}
