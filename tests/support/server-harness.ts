/**
 * The real server for tests: buildApp called through `app.inject` (no socket), or over real HTTP on
 * port 0 when a test needs one (`listen: true`, e.g. a key server another app fetches from), against
 * fresh Jira and Zoho simulators, the jest run's PostgreSQL and Temporal dev server. Logs are captured in memory so a
 * test can prove secrets never reach them. Schedules and signals go to a private task queue that no
 * worker polls (server tests check what the server asks Temporal, not what workflows do).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../store/prisma';
import { buildApp } from '../../server/app';
import type { ServerConfig } from '../../server/config';
import { devKeySet } from '../../server/dev/dev-keys';
import { createLogger } from '../../server/logger';
import { startJiraSim, type JiraSim } from '../../sim/jira';
import { startZohoSim, type ZohoSim } from '../../sim/zoho';
import { DEV_APP_ID, type FitTarget, newInstallationId } from './fit';
import { openServerDeps } from './server-deps';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface ServerHarness {
  /** Base URL of the listening server (only with `listen: true`). */
  readonly url: string;
  app: FastifyInstance;
  config: ServerConfig;
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  jira: JiraSim;
  zoho: ZohoSim;
  logs: string[];
  /** A fresh installation pointing at this harness's Jira simulator. */
  newTarget(): FitTarget;
  call(
    method: string,
    path: string,
    opts?: { fit?: string; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<{ status: number; body: any; text: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  jiraSeed?: 'demo' | 'empty';
  /** 'dev' (default): trust the dev key directly; 'config': resolve keys from config (FORGE_JWKS_URL / DEV_CONSOLE). */
  fitKeys?: 'dev' | 'config';
  /** Listen on a real socket (port 0) as well; default: calls go through app.inject only. */
  listen?: boolean;
}

export async function startServerHarness(opts: HarnessOptions = {}): Promise<ServerHarness> {
  const [jira, zoho] = await Promise.all([startJiraSim({ seed: opts.jiraSeed ?? 'demo' }), startZohoSim()]);
  const overrides = { ZOHO_ACCOUNTS_URL: zoho.url, ZOHO_API_URL: zoho.url, ZOHO_WEB_URL: 'https://projects.zoho.eu' };
  const env = {
    ...process.env,
    ...overrides,
    FORGE_APP_ID: DEV_APP_ID,
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    WEBHOOK_SECRET,
    JIRA_API_BASE_OVERRIDE: jira.apiBaseUrl,
    TEMPORAL_WEB_URL: 'http://127.0.0.1:8233',
    ...opts.env,
  };
  const deps = await openServerDeps(env);
  const { config, prisma, secrets, temporal, clients } = deps;
  const logs: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      logs.push(line);
    },
  });
  const taskQueue = `server-test-${randomUUID()}`;
  const fitKeys = opts.fitKeys === 'config' ? undefined : devKeySet();
  const app = await buildApp({ config, prisma, temporal, secrets, logger, fitKeys, taskQueue, clients });
  let url: string | undefined;
  if (opts.listen) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } else await app.ready();

  return {
    get url(): string {
      if (!url) throw new Error('this server harness does not listen: start it with { listen: true }');
      return url;
    },
    app,
    config,
    prisma,
    temporal,
    taskQueue,
    jira,
    zoho,
    logs,
    newTarget: () => ({
      installationId: newInstallationId(),
      apiBaseUrl: jira.apiBaseUrl,
      siteUrl: jira.url,
      cloudId: jira.cloudId,
    }),
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
      if (o.fit) headers.authorization = `Bearer ${o.fit}`;
      let body: string | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      } else if (o.raw !== undefined) headers['content-type'] ??= 'application/json';
      const res = await app.inject({ method: method as 'GET', url: path, headers, payload: body });
      const text = res.body;
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return {
        status: res.statusCode,
        body: parsed,
        text,
        headers: res.headers as Record<string, string | string[] | undefined>,
      };
    },
    async close() {
      await app.close();
      await Promise.allSettled([deps.close(), jira.close(), zoho.close()]);
    },
  };
}

/** Poll until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
