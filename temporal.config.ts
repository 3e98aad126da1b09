/**
 * Temporal settings in one place: connection, task queues, cadence, timeouts and retry presets.
 * Parsed once with zod; a bad value stops the process with a message naming the variable.
 * Workflows import only the plain constants below (no `process` access happens at import time
 * inside the workflow sandbox: `loadTemporalConnection` is called by the worker and server only).
 */
import { z } from 'zod';

/** One task queue for everything keeps a single worker pool; split by name if scaling needs it. */
export const TASK_QUEUE = 'zoho-jira-sync';

/** The product's cadence: every Smart Connected Item syncs every five minutes. */
export const SYNC_INTERVAL_MS = 5 * 60_000;
/** A missed run older than this is skipped, not replayed in a burst (explicit, see platform-facts §C). */
export const SCHEDULE_CATCHUP_WINDOW_MS = 10 * 60_000;

export const SEARCH_ATTRIBUTES = {
  installation: 'ZjcInstallation',
  sci: 'ZjcSmartConnectedItem',
} as const;

/** Activity presets: workflows pick one by name. Durations are milliseconds. */
export const ACTIVITY_PRESETS = {
  /** Calls to Zoho or Jira: retried with backoff; 429s override the delay via nextRetryDelay. */
  remoteCall: {
    startToCloseTimeout: 60_000,
    retry: { initialInterval: 1_000, backoffCoefficient: 2, maximumInterval: 60_000, maximumAttempts: 8 },
  },
  /** Long scans (paging a whole Zoho project): heartbeated. */
  scan: {
    startToCloseTimeout: 10 * 60_000,
    heartbeatTimeout: 60_000,
    retry: { initialInterval: 2_000, backoffCoefficient: 2, maximumInterval: 60_000, maximumAttempts: 5 },
  },
  /**
   * A batch of auto-creates (activities/auto-create-batch.ts): heartbeats every 5 s while it
   * runs, so a dead worker is noticed in seconds; a batch that still fails hands its records to child workflows.
   */
  createBatch: {
    startToCloseTimeout: 5 * 60_000,
    heartbeatTimeout: 20_000,
    retry: { initialInterval: 1_000, backoffCoefficient: 2, maximumInterval: 30_000, maximumAttempts: 3 },
  },
  /** Our own database: quick, many attempts. */
  store: {
    startToCloseTimeout: 15_000,
    retry: { initialInterval: 200, backoffCoefficient: 2, maximumInterval: 10_000, maximumAttempts: 20 },
  },
} as const;

const connectionSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_WEB_URL: z.string().url().default('http://127.0.0.1:8233'),
});

export interface TemporalConnectionConfig {
  address: string;
  namespace: string;
  apiKey?: string;
  tls: boolean | { clientCertPath: string; clientKeyPath: string };
  webUrl: string;
}

export function loadTemporalConnection(env: NodeJS.ProcessEnv = process.env): TemporalConnectionConfig {
  const parsed = connectionSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${String(issue.path[0])}: ${issue.message}`);
  }
  const c = parsed.data;
  if (Boolean(c.TEMPORAL_TLS_CERT_PATH) !== Boolean(c.TEMPORAL_TLS_KEY_PATH)) {
    throw new Error('Invalid setting TEMPORAL_TLS_CERT_PATH / TEMPORAL_TLS_KEY_PATH: set both or neither');
  }
  const mtls =
    c.TEMPORAL_TLS_CERT_PATH && c.TEMPORAL_TLS_KEY_PATH
      ? { clientCertPath: c.TEMPORAL_TLS_CERT_PATH, clientKeyPath: c.TEMPORAL_TLS_KEY_PATH }
      : undefined;
  return {
    address: c.TEMPORAL_ADDRESS,
    namespace: c.TEMPORAL_NAMESPACE,
    apiKey: c.TEMPORAL_API_KEY,
    // Temporal Cloud API keys always travel over TLS.
    tls: mtls ?? (c.TEMPORAL_TLS === 'true' || Boolean(c.TEMPORAL_API_KEY)),
    webUrl: c.TEMPORAL_WEB_URL.replace(/\/$/, ''),
  };
}

/** Link to a workflow run in the Temporal Web UI (admin grid, logs). */
export function temporalRunUrl(
  cfg: Pick<TemporalConnectionConfig, 'webUrl' | 'namespace'>,
  workflowId: string,
  runId?: string,
): string {
  const base = `${cfg.webUrl}/namespaces/${encodeURIComponent(cfg.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
