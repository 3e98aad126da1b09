/** What buildApp needs from the outside world. Everything with side effects is injected here. */
import type { Client } from '@temporalio/client';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { PrismaClient } from '../store/prisma';
import type { ClientRegistry } from '../clients/registry';
import type { ServerConfig } from './config';
import type { EventRelayOptions } from './events/relay';

import type { SecretBox } from '../store/secrets';

export type { SecretBox };

/** How the server reaches Jira for one installation (apiBaseUrl already overridden in dev). */
export interface JiraAccess {
  installationId: string;
  apiBaseUrl: string;
  token: string;
}

export interface AppDeps {
  config: ServerConfig;
  prisma: PrismaClient;
  temporal: Client;
  secrets: SecretBox;
  /** The process's Zoho and Jira clients from the stored credentials (clients/registry.ts, shared with the worker's kind). */
  clients: ClientRegistry;
  /** A pino logger (tests pass one writing to memory to check redaction). */
  logger?: Logger;
  clock?: () => Date;
  /** FIT key set; default: the remote JWKS at config.forge.jwksUrl (or the dev key when DEV_CONSOLE). */
  fitKeys?: JWTVerifyGetKey;
  /** Temporal task queue override (tests run their own worker queue). */
  taskQueue?: string;
  /** Event relay tuning (concurrency, sweeper period, lease); defaults suit production. */
  relay?: EventRelayOptions;
}
