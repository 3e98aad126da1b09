/**
 * The process's client registry (clients/registry.ts, the worker builds the same kind) as
 * `app.clients`, with the secret box it decrypts credentials with as `app.secrets`. The outbound
 * connection pools close when the app closes, unless the registry was handed in.
 */
import fp from 'fastify-plugin';
import { createClientRegistry, type ClientRegistry, type ClientRegistryOptions } from '../../clients/registry';
import { createSecretBox, type SecretBox } from '../../store/secrets';
import type { ServerConfig } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    clients: ClientRegistry;
    secrets: SecretBox;
  }
}

export interface ClientsPluginOptions {
  config: ServerConfig;
  /** Default: from SECRETS_KEY (config.secretsKey). */
  secrets?: SecretBox;
  /** An open registry to use instead (not closed by the app). */
  registry?: ClientRegistry;
}

/** The server's client registry settings, the same variables the worker reads (worker/settings.ts). */
export function serverClientRegistryOptions(
  config: ServerConfig,
  prisma: ClientRegistryOptions['prisma'],
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

export default fp<ClientsPluginOptions>(
  async (app, opts) => {
    const secrets = opts.secrets ?? createSecretBox({ SECRETS_KEY: opts.config.secretsKey });
    app.decorate('secrets', secrets);
    if (opts.registry) {
      app.decorate('clients', opts.registry);
      return;
    }
    const registry = createClientRegistry(serverClientRegistryOptions(opts.config, app.prisma, secrets));
    app.decorate('clients', registry);
    app.addHook('onClose', async () => registry.close());
  },
  { name: 'zjc-clients', dependencies: ['zjc-prisma'] },
);
