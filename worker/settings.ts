/**
 * The worker's settings, parsed once at start with zod (a bad value names its variable, like the
 * server's config), the client registry built from them, and the Temporal connection's TLS.
 */
import { readFile } from 'node:fs/promises';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { z } from 'zod';
import { TASK_QUEUE, type TemporalConnectionConfig } from '../temporal.config';
import type { ClientRegistryOptions } from '../clients/registry';
import type { PrismaClient } from '../store/prisma';
import type { SecretBox } from '../store/secrets';

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  SECRETS_KEY: z.string().min(16),
  ZOHO_ACCOUNTS_URL: z.string().url().optional(),
  ZOHO_API_URL: z.string().url().optional(),
  ZOHO_WEB_URL: z.string().url().optional(),
  JIRA_API_BASE_OVERRIDE: z.string().url().optional(),
  /** Zoho calls per 2 minutes per Zoho connection in this process (the server reads the same variable). */
  ZOHO_BUDGET_PER_2MIN: z.coerce.number().int().min(1).max(200).default(80),
  ZOHO_SERVER_ORDERING: z.enum(['true', 'false']).default('true'),
  /** How long a retried auto-create searches Jira (eventually consistent) before it may create again. */
  AUTO_CREATE_SEARCH_HORIZON_MS: z.coerce.number().int().min(1_000).default(60_000),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  /** A workflow bundle built ahead (bundleWorkflowCode): skips webpack at start, saves ~200 MB peak RSS. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** Prometheus scrape port of our zjc_ metrics (GET /metrics); unset = not served. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Prometheus scrape port of the Temporal SDK's own metrics (temporal_…); unset = not served. */
  TEMPORAL_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
});

export type WorkerSettings = z.infer<typeof envSchema>;

/** Parses the worker's settings; a bad one throws "Invalid setting X: …" naming the variable (like the server). */
export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new Error(
      `Invalid setting ${variable}: ${env[variable] === undefined ? 'missing (required)' : issue.message}`,
    );
  }
  return parsed.data;
}

/** TLS for the worker's Temporal connection: mTLS from TEMPORAL_TLS_CERT_PATH / _KEY_PATH, or plain TLS. */
export async function temporalTls(cfg: TemporalConnectionConfig): Promise<NativeConnectionOptions['tls']> {
  if (typeof cfg.tls !== 'object') return cfg.tls;
  const [crt, key] = await Promise.all([readFile(cfg.tls.clientCertPath), readFile(cfg.tls.clientKeyPath)]);
  return { clientCertPair: { crt, key } };
}

/** The worker's client registry settings: the same variables the server reads (server/config.ts). */
export function workerClientRegistryOptions(
  env: WorkerSettings,
  prisma: PrismaClient,
  secrets: SecretBox,
): ClientRegistryOptions {
  return {
    prisma,
    secrets,
    jiraApiBaseOverride: env.JIRA_API_BASE_OVERRIDE,
    zohoBudgetPer2Min: env.ZOHO_BUDGET_PER_2MIN,
    zohoOverrides: {
      ZOHO_ACCOUNTS_URL: env.ZOHO_ACCOUNTS_URL,
      ZOHO_API_URL: env.ZOHO_API_URL,
      ZOHO_WEB_URL: env.ZOHO_WEB_URL,
    },
  };
}
