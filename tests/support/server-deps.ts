/**
 * The server's real dependencies for tests, wired the way the server's plugins (server/plugins/) wire them: config
 * from the environment, PostgreSQL, the secret box, a Temporal client and the client registry
 * (clients/registry.ts, configured from the server config like production). Used by the server harness and the browser-test stack.
 */
import { Client, Connection } from '@temporalio/client';
import { createPrisma } from '../../store/prisma';
import { createSecretBox } from '../../store/secrets';
import { loadServerConfig } from '../../server/config';
import { createClientRegistry } from '../../clients/registry';
import { serverClientRegistryOptions } from '../../server/plugins/clients';

export async function openServerDeps(env: NodeJS.ProcessEnv) {
  const config = loadServerConfig(env);
  const prisma = createPrisma(config.databaseUrl);
  const secrets = createSecretBox(env);
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const clients = createClientRegistry(serverClientRegistryOptions(config, prisma, secrets));
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
