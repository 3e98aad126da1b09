/**
 * The whole product in-process for browser tests: Jira and Zoho simulators (port 0), the server's
 * buildApp with DEV_CONSOLE on (dev console + dev FIT key), and a Temporal worker on a private task
 * queue, against the run's PostgreSQL and Temporal dev server (tests/support/global-setup.mjs).
 * Each stack gets its own installation id, so suites never see each other's data.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createClientRegistry } from '../../../clients/registry';
import { createWorker } from '../../../worker/create-worker';
import type { PrismaClient } from '../../../store/prisma';
import { buildApp } from '../../../server/app';
import { DEV_APP_ID } from '../../../server/dev/dev-keys';
import { startJiraSim, type JiraSim } from '../../../sim/jira/server';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startZohoSim, type ZohoSim } from '../../../sim/zoho';
import { openServerDeps } from '../../support/server-deps';

export const WEB_DIST = join(__dirname, '..', '..', '..', 'web', 'dist');

export interface Stack {
  url: string;
  installationId: string;
  jira: JiraSim;
  zoho: ZohoSim;
  app: FastifyInstance;
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  close(): Promise<void>;
}

let runtimeQuiet = false;

export async function startStack(opts: { worker?: boolean } = {}): Promise<Stack> {
  if (!runtimeQuiet) {
    runtimeQuiet = true;
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // Already installed by another module of this test process.
    }
  }
  const [jira, zoho] = await Promise.all([startJiraSim({ seed: 'demo' }), startZohoSim()]);
  const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
  const taskQueue = `browser-${randomUUID()}`;
  const overrides = { ZOHO_ACCOUNTS_URL: zoho.url, ZOHO_API_URL: zoho.url, ZOHO_WEB_URL: 'https://projects.zoho.eu' };
  const env = {
    ...process.env,
    ...overrides,
    FORGE_APP_ID: DEV_APP_ID,
    DEV_CONSOLE: 'true',
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const deps = await openServerDeps(env);
  const { config, prisma, secrets, temporal, clients } = deps;

  // buildApp serves the dev console (DEV_CONSOLE=true); the demo Zoho client comes from the simulator.
  const app = await buildApp({
    config,
    prisma,
    temporal,
    secrets,
    clients,
    taskQueue,
    devConsole: {
      webDistDir: WEB_DIST,
      jiraSimUrl: jira.url,
      apiBaseUrl: jira.apiBaseUrl,
      installationId,
      zohoSimUrl: zoho.url,
      demoZohoClient: { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let workerConnection: NativeConnection | undefined;
  // The production worker wiring: clients built from the stored connection, like worker/main.ts.
  const registry = createClientRegistry({ prisma, secrets, zohoOverrides: overrides });
  if (opts.worker !== false) {
    workerConnection = await NativeConnection.connect({ address: config.temporal.address });
    worker = await createWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      activities: { prisma, zohoFor: registry.zohoFor, jiraFor: registry.jiraFor },
    });
    running = worker.run();
  }

  return {
    url,
    installationId,
    jira,
    zoho,
    app,
    prisma,
    temporal,
    taskQueue,
    async close() {
      if (worker) {
        worker.shutdown();
        await running?.catch(() => undefined);
      }
      await workerConnection?.close();
      await registry.close();
      await app.close();
      await deps.close();
      await Promise.all([jira.close(), zoho.close()]);
    },
  };
}
