/**
 * What buildApp needs from the outside world. Only the configuration is required: the plugins open
 * PostgreSQL, Temporal and the client registry from it and close them with the app. Tests hand in
 * their own open resources instead (the app then leaves closing them to their owner).
 */
import type { Client } from '@temporalio/client';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { PrismaClient } from '../store/prisma';
import type { ClientRegistry } from '../clients/registry';
import type { ServerConfig } from './config';
import type { EventRelayOptions } from './events/relay';
import type { DevConsoleWiring } from './routes/dev-console';

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
  /** Open resources to share (tests); each defaults to one the app opens from config and closes. */
  prisma?: PrismaClient;
  temporal?: Client;
  secrets?: SecretBox;
  /** The process's Zoho and Jira clients from the stored credentials (clients/registry.ts, shared with the worker's kind). */
  clients?: ClientRegistry;
  /** A pino logger (tests pass one writing to memory to check redaction). */
  logger?: Logger;
  clock?: () => Date;
  /** FIT key set; default: the remote JWKS at config.forge.jwksUrl (or the dev key when DEV_CONSOLE). */
  fitKeys?: JWTVerifyGetKey;
  /** Temporal task queue override (tests run their own worker queue). */
  taskQueue?: string;
  /** Event relay tuning (concurrency, sweeper period, lease); defaults suit production. */
  relay?: EventRelayOptions;
  /**
   * Dev console settings beyond the configuration (web bundles, Jira simulator API base, installation,
   * demo Zoho client). buildApp serves the console when DEV_CONSOLE=true and a Jira simulator is known.
   */
  devConsole?: DevConsoleWiring;
}
