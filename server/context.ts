/** The services every route plugin receives, built once from the injected dependencies. */
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../store/prisma';
import type { JiraApi } from '../integrations/jira/types';
import type { ServerConfig } from './config';
import type { AppDeps, SecretBox } from './deps';
import { createEventIntake, type EventIntake } from './services/event-intake';
import { createEventRelay, type EventRelay } from './events/relay';
import { createReceiptRetention, type ReceiptRetention } from './events/receipt-retention';
import { createInstallationService, type InstallationService } from './services/installations';
import { createMetadataCache, type MetadataCache } from './services/metadata-cache';
import { createZohoConnections, type ZohoConnections } from './services/zoho-connections';

type RelayLog = NonNullable<Parameters<typeof createEventRelay>[0]['logger']> & {
  info(obj: object, msg: string): void;
};

export interface ServerContext {
  config: ServerConfig;
  prisma: PrismaClient;
  temporal: Client;
  secrets: SecretBox;
  clock: () => Date;
  taskQueue?: string;
  installations: InstallationService;
  zoho: ZohoConnections;
  /** A Jira client acting as the app (system token) for one installation. */
  jiraFor(installationId: string): Promise<JiraApi>;
  metadata: MetadataCache;
  intake: EventIntake;
  /** Sends accepted events to Temporal (started on ready, drained on close by buildApp). */
  relay: EventRelay;
  /** Deletes settled delivery receipts past EVENT_RECEIPT_RETENTION_DAYS (started on ready). */
  receiptRetention: ReceiptRetention;
}

export function createServerContext(deps: AppDeps, log: RelayLog): ServerContext {
  const clock = deps.clock ?? (() => new Date());
  const installations = createInstallationService({
    prisma: deps.prisma,
    secrets: deps.secrets,
    clock,
    jiraApiBaseOverride: deps.config.jiraApiBaseOverride,
  });
  const zoho = createZohoConnections({
    prisma: deps.prisma,
    secrets: deps.secrets,
    clients: deps.clients,
    clock,
    overrides: {
      ZOHO_ACCOUNTS_URL: deps.config.zoho.accountsUrl,
      ZOHO_API_URL: deps.config.zoho.apiUrl,
      ZOHO_WEB_URL: deps.config.zoho.webUrl,
    },
  });
  const relay = createEventRelay({
    prisma: deps.prisma,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    logger: log,
    options: deps.relay,
  });
  return {
    config: deps.config,
    prisma: deps.prisma,
    temporal: deps.temporal,
    secrets: deps.secrets,
    clock,
    taskQueue: deps.taskQueue,
    installations,
    zoho,
    jiraFor: async (installationId) => {
      // Checked first so a route answers the readable not_found / jira_unavailable error.
      await installations.jiraAccess(installationId);
      return deps.clients.jiraFor(installationId);
    },
    metadata: createMetadataCache({ now: () => clock().getTime() }),
    intake: createEventIntake({ prisma: deps.prisma, relay }),
    relay,
    receiptRetention: createReceiptRetention(deps.prisma, {
      keepMs: deps.config.eventReceiptRetentionDays * 24 * 60 * 60_000,
      now: () => clock().getTime(),
      logger: log,
    }),
  };
}
