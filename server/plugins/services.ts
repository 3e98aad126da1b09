/**
 * The server's own services as decorators, built once from the resources the other plugins put on
 * the instance: `app.config`, `app.clock`, `app.installations`, `app.zoho` (the stored Zoho
 * connection), `app.jiraFor` and the admin `app.metadata` cache. Route plugins read them from the
 * instance; helpers take `ServerContext`, the slice of the instance they use.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { JiraApi } from '../../integrations/jira/types';
import type { ServerConfig } from '../config';
import { createInstallationService, type InstallationService } from '../services/installations';
import { createMetadataCache, type MetadataCache } from '../services/metadata-cache';
import { createZohoConnections, type ZohoConnections } from '../services/zoho-connections';

declare module 'fastify' {
  interface FastifyInstance {
    config: ServerConfig;
    clock: () => Date;
    installations: InstallationService;
    zoho: ZohoConnections;
    /** A Jira client acting as the app (system token) for one installation. */
    jiraFor(installationId: string): Promise<JiraApi>;
    metadata: MetadataCache;
  }
}

/** What route helpers (panel loader, link preview, schedules) read from the app. */
export type ServerContext = Pick<
  FastifyInstance,
  | 'config'
  | 'clock'
  | 'prisma'
  | 'temporal'
  | 'taskQueue'
  | 'secrets'
  | 'installations'
  | 'zoho'
  | 'jiraFor'
  | 'metadata'
>;

export interface ServicesPluginOptions {
  config: ServerConfig;
  clock: () => Date;
}

export default fp<ServicesPluginOptions>(
  async (app, { config, clock }) => {
    const installations = createInstallationService({
      prisma: app.prisma,
      secrets: app.secrets,
      clock,
      jiraApiBaseOverride: config.jiraApiBaseOverride,
    });
    app.decorate('config', config);
    app.decorate('clock', clock);
    app.decorate('installations', installations);
    app.decorate(
      'zoho',
      createZohoConnections({
        prisma: app.prisma,
        secrets: app.secrets,
        clients: app.clients,
        clock,
        overrides: {
          ZOHO_ACCOUNTS_URL: config.zoho.accountsUrl,
          ZOHO_API_URL: config.zoho.apiUrl,
          ZOHO_WEB_URL: config.zoho.webUrl,
        },
      }),
    );
    app.decorate('jiraFor', async (installationId: string) => {
      // Checked first so a route answers the readable not_found / jira_unavailable error.
      await installations.jiraAccess(installationId);
      return app.clients.jiraFor(installationId);
    });
    app.decorate('metadata', createMetadataCache({ now: () => clock().getTime() }));
  },
  { name: 'zjc-services', dependencies: ['zjc-prisma', 'zjc-clients'] },
);
