/**
 * Server settings, parsed once at boot with zod. A missing or invalid value stops the process with
 * a message naming the variable (see main.ts). Temporal settings come from temporal.config.ts.
 */
import { z } from 'zod';
import { loadTemporalConnection, type TemporalConnectionConfig } from '../temporal.config';

export const PRODUCTION_FORGE_JWKS_URL = 'https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json';

const bool = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
const optionalUrl = z.string().url().optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  /** AES-256-GCM key for secrets at rest, e.g. "k1:<32 bytes base64>" (read by store/secrets.ts). */
  SECRETS_KEY: z.string().min(16),
  FORGE_JWKS_URL: z.string().url().default(PRODUCTION_FORGE_JWKS_URL),
  /** The accepted FIT audience: the Forge app ARI. */
  FORGE_APP_ID: z
    .string()
    .regex(/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/i, 'must be ari:cloud:ecosystem::app/<uuid>'),
  /** Module keys as declared in forge/manifest.yml. */
  FORGE_ADMIN_MODULE_KEY: z.string().min(1).default('zoho-connector-admin'),
  FORGE_PANEL_MODULE_KEY: z.string().min(1).default('zoho-connector-panel'),
  ZOHO_ACCOUNTS_URL: optionalUrl,
  ZOHO_API_URL: optionalUrl,
  ZOHO_WEB_URL: optionalUrl,
  /** Dev/sim only: every installation's Jira apiBaseUrl is replaced by this URL. */
  JIRA_API_BASE_OVERRIDE: optionalUrl,
  /** Zoho calls per 2 minutes per Zoho connection in this process (the worker reads the same variable). */
  ZOHO_BUDGET_PER_2MIN: z.coerce.number().int().min(1).max(200).default(80),
  /** The worker's setting, read here too: a cadence below five minutes needs it (workflows/core/zoho-cadence.ts). */
  ZOHO_SERVER_ORDERING: z.enum(['true', 'false']).default('true'),
  /** HMAC secret of the optional Jira admin webhook ingress; the route answers 404 when unset. */
  WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Dev console only: the Jira simulator whose issues the console lists. */
  JIRA_SIM_URL: optionalUrl,
  /** Enables the local FIT signing key and /dev/* routes. Never in production. */
  DEV_CONSOLE: bool,
  /** Dev console only: the Zoho simulator's demo Self Client (npm run dev sets both from sim/zoho). */
  DEV_ZOHO_CLIENT_ID: z.string().min(1).optional(),
  DEV_ZOHO_CLIENT_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Readable log lines via pino-pretty (a devDependency): for `npm run dev`, never in production. */
  LOG_PRETTY: bool,
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Days settled delivery receipts are kept (duplicates are absorbed while a receipt exists; Jira retries for ~30 min). */
  EVENT_RECEIPT_RETENTION_DAYS: z.coerce.number().min(1).max(365).default(7),
  /** Days the per-link sync history (issue panel "History") is kept. */
  SYNC_HISTORY_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
  /** Prometheus scrape port of the zjc_ metrics (GET /metrics, own listener, not the API); unset = not served. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** METRICS_PORT / METRICS_HOST: the Prometheus exporter, when a port is set. */
  metrics?: { port: number; host: string };
  databaseUrl: string;
  secretsKey: string;
  forge: { jwksUrl: string; appId: string; adminModuleKey: string; panelModuleKey: string };
  zoho: { accountsUrl?: string; apiUrl?: string; webUrl?: string };
  jiraApiBaseOverride?: string;
  /** ZOHO_BUDGET_PER_2MIN. */
  zohoBudgetPer2Min: number;
  /** ZOHO_SERVER_ORDERING (the worker's pull mode); unset = true. */
  zohoServerOrdering?: boolean;
  jiraSimUrl?: string;
  webhookSecret?: string;
  devConsole: boolean;
  /** DEV_ZOHO_CLIENT_ID + DEV_ZOHO_CLIENT_SECRET: the demo Self Client the dev console shows. */
  devZohoClient?: { clientId: string; clientSecret: string };
  logLevel: string;
  logPretty: boolean;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  eventReceiptRetentionDays: number;
  /** SYNC_HISTORY_RETENTION_DAYS. */
  syncHistoryRetentionDays: number;
  temporal: TemporalConnectionConfig;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid setting ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new ConfigError(variable, env[variable] === undefined ? 'missing (required)' : issue.message);
  }
  const c = parsed.data;
  let temporal: TemporalConnectionConfig;
  try {
    temporal = loadTemporalConnection(env);
  } catch (err) {
    throw new ConfigError('TEMPORAL_*', (err as Error).message);
  }
  return {
    port: c.PORT,
    host: c.HOST,
    ...(c.METRICS_PORT ? { metrics: { port: c.METRICS_PORT, host: c.METRICS_HOST } } : {}),
    databaseUrl: c.DATABASE_URL,
    secretsKey: c.SECRETS_KEY,
    forge: {
      jwksUrl: c.FORGE_JWKS_URL,
      appId: c.FORGE_APP_ID,
      adminModuleKey: c.FORGE_ADMIN_MODULE_KEY,
      panelModuleKey: c.FORGE_PANEL_MODULE_KEY,
    },
    zoho: { accountsUrl: c.ZOHO_ACCOUNTS_URL, apiUrl: c.ZOHO_API_URL, webUrl: c.ZOHO_WEB_URL },
    jiraApiBaseOverride: c.JIRA_API_BASE_OVERRIDE,
    zohoBudgetPer2Min: c.ZOHO_BUDGET_PER_2MIN,
    zohoServerOrdering: c.ZOHO_SERVER_ORDERING === 'true',
    jiraSimUrl: c.JIRA_SIM_URL,
    webhookSecret: c.WEBHOOK_SECRET,
    devConsole: c.DEV_CONSOLE,
    devZohoClient:
      c.DEV_ZOHO_CLIENT_ID && c.DEV_ZOHO_CLIENT_SECRET
        ? { clientId: c.DEV_ZOHO_CLIENT_ID, clientSecret: c.DEV_ZOHO_CLIENT_SECRET }
        : undefined,
    logLevel: c.LOG_LEVEL,
    logPretty: c.LOG_PRETTY,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    eventReceiptRetentionDays: c.EVENT_RECEIPT_RETENTION_DAYS,
    syncHistoryRetentionDays: c.SYNC_HISTORY_RETENTION_DAYS,
    temporal,
  };
}
