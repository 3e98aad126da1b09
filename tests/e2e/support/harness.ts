/**
 * One sync-engine test world: fresh Zoho + Jira simulators (port 0), the real PostgreSQL and
 * Temporal dev server from globalSetup, a unique installation and task queue, and a real worker
 * running `createActivities` against simulator-backed clients. No mocks of our own modules.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createWorker } from '../../../worker/create-worker';
import type { SyncEngineConfig } from '../../../activities/index';
import { createPrisma, type PrismaClient } from '../../../store/prisma';
import { createZohoClient } from '../../../integrations/zoho/client';
import { createZohoBudget } from '../../../integrations/zoho/budget';
import { createZohoTokenProvider } from '../../../integrations/zoho/token-provider';
import { refreshAccessToken } from '../../../integrations/zoho/oauth';
import { createJiraClient } from '../../../integrations/jira/client';
import type { JiraApi } from '../../../integrations/jira/types';
import type { ZohoApi } from '../../../integrations/zoho/types';
import { createClientRegistry, type ClientRegistry } from '../../../clients/registry';
import { createZohoConnections, type ZohoConnections } from '../../../server/services/zoho-connections';
import { createSecretBox } from '../../../store/secrets';
import { startJiraSim, demoSeed, DEMO_STATUS, type JiraSim, type JiraSimOptions } from '../../../sim/jira';
import {
  startZohoSim,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PORTAL_ID,
  DEMO_PORTAL_NAME,
  type ZohoSim,
  type ZohoSimOptions,
} from '../../../sim/zoho';

// Quiet worker logs in tests (must run before the runtime is first used).
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed by another harness in this process
}

export interface Harness {
  zoho: ZohoSim;
  jira: JiraSim;
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  installationId: string;
  zohoApi: ZohoApi;
  jiraApi: JiraApi;
  /** Zoho client calls made by the worker (not recorded with `storedConnection`). */
  zohoCalls: string[];
  /** With `storedConnection`: the server's Zoho connection service (save / revoke) and a fresh-code connect. */
  connections?: ZohoConnections;
  connectZoho?: () => Promise<void>;
  stop(): Promise<void>;
  /** Restart the worker (e.g. after killing it mid-cycle). */
  restartWorker(): Promise<void>;
  killWorker(): Promise<void>;
}

export interface HarnessOptions {
  zoho?: ZohoSimOptions;
  jira?: JiraSimOptions;
  config?: Partial<SyncEngineConfig>;
  zohoBudgetLimit?: number;
  /** Short grace makes shutdown cut in-flight activities (a crash as far as Temporal can tell). */
  shutdownGraceTime?: number;
  /** false: no in-process worker (a benchmark runs the worker process itself). */
  inProcessWorker?: boolean;
  /**
   * The production wiring: Zoho connected through the server's connection service (stored
   * encrypted) and the worker's Zoho clients from its own client registry, as in worker/main.ts.
   */
  storedConnection?: boolean;
}

/** Demo Jira seed plus a direct To Do → Done transition in OPS (Conditional Sync Rule examples). */
export function seedWithQuickDone() {
  const seed = demoSeed();
  const ops = seed.projects.find((p) => p.key === 'OPS')!;
  ops.workflow.transitions.push({ id: '81', name: 'Close', from: [DEMO_STATUS.todo], to: DEMO_STATUS.done });
  return seed;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const [zoho, jira] = await Promise.all([
    startZohoSim({ ...opts.zoho }),
    startJiraSim({ seed: seedWithQuickDone(), ...opts.jira }),
  ]);
  const prisma = createPrisma(process.env.DATABASE_URL!);
  const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
  await prisma.installation.create({
    data: {
      id: installationId,
      apiBaseUrl: jira.apiBaseUrl,
      siteUrl: 'https://acme.atlassian.net',
      cloudId: jira.cloudId,
    },
  });
  const taskQueue = `zjc-test-${randomUUID()}`;
  const zohoCalls: string[] = [];
  const overrides = {
    ZOHO_ACCOUNTS_URL: zoho.url,
    ZOHO_API_URL: zoho.url,
    ZOHO_WEB_URL: 'https://projects.zoho.com',
    ZOHO_WORKDRIVE_URL: zoho.url,
  };
  const { refresh_token } = zoho.control.issueTokens({ clientId: DEMO_CLIENT_ID });
  const tokens = createZohoTokenProvider({
    load: async () => null,
    save: async () => undefined,
    refresh: () =>
      refreshAccessToken(
        {
          dataCenter: 'us',
          clientId: DEMO_CLIENT_ID,
          clientSecret: DEMO_CLIENT_SECRET,
          refreshToken: refresh_token!,
        },
        { overrides },
      ),
  });
  const zohoApi = createZohoClient({
    dataCenter: 'us',
    overrides,
    tokens,
    budget: createZohoBudget({ limit: opts.zohoBudgetLimit ?? 1000 }),
    onCall: (_o, method, path, status) => zohoCalls.push(`${method} ${path} ${status}`),
  });
  const jiraApi = createJiraClient({ baseUrl: jira.apiBaseUrl, token: async () => 'sim-system-token' });

  let registries: ClientRegistry[] = [];
  let connections: ZohoConnections | undefined;
  let connectZoho: (() => Promise<void>) | undefined;
  let zohoFor: (installationId: string) => ZohoApi | Promise<ZohoApi> = () => zohoApi;
  if (opts.storedConnection) {
    const secrets = createSecretBox(process.env);
    const server = createClientRegistry({ prisma, secrets, zohoOverrides: overrides });
    const workerClients = createClientRegistry({ prisma, secrets, zohoOverrides: overrides });
    registries = [server, workerClients];
    const service = createZohoConnections({ prisma, secrets, clients: server, overrides, clock: () => new Date() });
    connections = service;
    connectZoho = async () => {
      const code = zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
      await service.save(installationId, {
        dataCenter: 'us',
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
        code,
      });
    };
    await connectZoho();
    zohoFor = workerClients.zohoFor;
  }

  const address = process.env.TEMPORAL_ADDRESS!;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const native = await NativeConnection.connect({ address });

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    worker = await createWorker({
      connection: native,
      namespace,
      taskQueue,
      shutdownGraceTime: opts.shutdownGraceTime,
      activities: {
        prisma,
        zohoFor,
        jiraFor: () => jiraApi,
        config: { sharedScanTtlMs: 0, createConsistencyHorizonMs: 3_000, ...opts.config },
      },
    });
    running = worker.run();
  };
  if (opts.inProcessWorker !== false) await startWorker();

  const killWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await running?.catch(() => undefined);
  };
  return {
    zoho,
    jira,
    prisma,
    client,
    taskQueue,
    installationId,
    zohoApi,
    jiraApi,
    zohoCalls,
    connections,
    connectZoho,
    killWorker,
    async restartWorker() {
      await killWorker();
      await startWorker();
    },
    async stop() {
      await killWorker();
      await prisma.installation.delete({ where: { id: installationId } }).catch(() => undefined);
      await prisma.$disconnect();
      await connection.close();
      await native.close();
      await Promise.all([zoho.close(), jira.close(), ...registries.map((r) => r.close())]);
      await (zohoApi as unknown as { close(): Promise<void> }).close?.();
      await (jiraApi as unknown as { close(): Promise<void> }).close?.();
    },
  };
}

export const ZOHO_PORTAL = { id: DEMO_PORTAL_ID, name: DEMO_PORTAL_NAME };

/** Polls `probe` until it returns a truthy value or the deadline passes (no sleeps as waits). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
