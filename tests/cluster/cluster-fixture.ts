/**
 * A cluster for one chaos file, with the demo installation connected to Zoho and helpers to act on
 * it the way users do (through the load balancer, with Forge-shaped tokens) and to count outcomes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../../scripts/cluster/topology';
import { createServer } from 'node:net';
import { DEV_INSTALLATION_ID } from '../../server/routes/dev-console';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID } from '../../sim/zoho';
import { createPrisma, type PrismaClient } from '../../store/prisma';
import { adminFit } from '../support/fit';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export const OPS = { id: '10000', key: 'OPS' };
export const TASK_TYPE = '10001';

export interface ClusterFixture {
  cluster: Cluster;
  prisma: PrismaClient;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startClusterFixture(): Promise<ClusterFixture> {
  const port = await freePort();
  const cluster = await startCluster({
    dataDir: mkdtempSync(join(tmpdir(), 'zjc-chaos-')),
    port,
    pgPort: await freePort(),
    uiPort: await freePort(),
    temporalPortOffset: 300,
    metricsPortBase: null,
    env: { ZOHO_BUDGET_PER_2MIN: '200', AUTO_CREATE_SEARCH_HORIZON_MS: '15000', LOG_LEVEL: 'warn' },
    zoho: { demo: true, rateLimit: { limit: 100_000 } },
    log: () => undefined,
  });
  const prisma = createPrisma(cluster.databaseUrl);
  const target = { installationId: DEV_INSTALLATION_ID, apiBaseUrl: cluster.jira.apiBaseUrl };
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(cluster.url + path, {
      method,
      headers: {
        authorization: `Bearer ${await adminFit(target)}`,
        'x-forge-oauth-system': 'sim-system-token',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const connected = await admin('PUT', '/api/admin/connection', {
    dataCenter: 'us',
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    code: cluster.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID }),
  });
  if (connected.status !== 200) throw new Error(`Zoho connection failed: ${JSON.stringify(connected.body)}`);
  return {
    cluster,
    prisma,
    admin,
    async close() {
      await prisma.$disconnect();
      await cluster.stop();
    },
  };
}

/** A two-way, auto-creating item on a fresh Zoho project of `count` tasks. */
export async function autoCreatingItem(f: ClusterFixture, name: string, count: number) {
  const projectId = f.cluster.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const recordIds = f.cluster.zoho.control.seedItems({ projectId, count, namePrefix: name });
  const res = await f.admin('POST', '/api/admin/items', {
    name,
    mode: 'two_way',
    zohoPortalId: DEMO_PORTAL_ID,
    zohoPortalName: 'acme',
    zohoProjectId: projectId,
    zohoProjectName: name,
    zohoModule: 'tasks',
    jiraProjectIds: [OPS.id],
    jiraProjectKeys: [OPS.key],
    jiraIssueTypeId: TASK_TYPE,
    jiraIssueTypeName: 'Task',
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
    syncStatus: false,
    syncComments: true,
    autoCreate: true,
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`item not created: ${JSON.stringify(res.body)}`);
  return { sciId: res.body.id as string, projectId, recordIds };
}

/** Polls until `probe` returns a value (not undefined), or fails naming what was awaited. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Successful Jira issue creates the simulator answered with 201 (duplicates show up here). */
export function jiraCreates(f: ClusterFixture): number {
  return f.cluster.jira.control
    .calls()
    .filter((c) => c.method === 'POST' && c.path === '/rest/api/3/issue' && (c as { status?: number }).status === 201)
    .length;
}
