/** What buildApp needs from the outside world. Everything with side effects is injected here. */
import type { Client } from '@temporalio/client';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { PrismaClient } from '../store/prisma';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import type { DataCenterId } from './contract/admin';
import type { ServerConfig } from './config';
import type { EventRelayOptions } from './events/relay';

import type { SecretBox } from '../store/secrets';

export type { SecretBox };

/** A Zoho connection's credentials, decrypted, as the Zoho client needs them. */
export interface ZohoCredentials {
  installationId: string;
  dataCenter: DataCenterId;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** How the server reaches Jira for one installation (apiBaseUrl already overridden in dev). */
export interface JiraAccess {
  installationId: string;
  apiBaseUrl: string;
  token: string;
}

export type ZohoFactory = (credentials: ZohoCredentials) => ZohoApi;
export type JiraFactory = (access: JiraAccess) => JiraApi;

export interface AppDeps {
  config: ServerConfig;
  prisma: PrismaClient;
  temporal: Client;
  secrets: SecretBox;
  zohoFactory: ZohoFactory;
  jiraFactory: JiraFactory;
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
