/**
 * Zoho counts calls per user across everything we run. Regression: every process built its own
 * budget (server 80 + each worker 80 per 2 minutes on one connection), so together they went past
 * Zoho's limit. Here three workers and a server — four real OS processes, each with its own Prisma
 * client and client registry — hammer one connection; the Zoho simulator's own sliding count
 * (its rate limiter and call log) is the judge.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createClientRegistry } from '../../clients/registry';
import { laneLimit } from '../../clients/shared-zoho-budgets';
import { createZohoConnections } from '../../server/services/zoho-connections';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startZohoSim, type ZohoSim } from '../../sim/zoho';
import { createPrisma, type PrismaClient } from '../../store/prisma';
import { createSecretBox } from '../../store/secrets';

const LIMIT = 8;
const SIM_WINDOW_MS = 3_000;
const DURATION_MS = 8_000;
const root = join(__dirname, '..', '..');

let zoho: ZohoSim;
let prisma: PrismaClient;
const secrets = createSecretBox(process.env);

beforeAll(async () => {
  zoho = await startZohoSim();
  prisma = createPrisma(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await zoho?.close();
});

async function connectedInstallation(): Promise<string> {
  const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
  await prisma.installation.create({ data: { id: installationId, apiBaseUrl: 'https://api.atlassian.com/ex/jira/x' } });
  const overrides = { ZOHO_ACCOUNTS_URL: zoho.url, ZOHO_API_URL: zoho.url, ZOHO_WEB_URL: 'https://projects.zoho.eu' };
  const clients = createClientRegistry({ prisma, secrets, zohoOverrides: overrides });
  await createZohoConnections({ prisma, secrets, clients, overrides, clock: () => new Date() }).save(installationId, {
    dataCenter: 'us',
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    code: zoho.control.generateCode({ clientId: DEMO_CLIENT_ID }),
  });
  await clients.close();
  return installationId;
}

interface HammerResult {
  lane: string;
  calls: number[];
  errors: string[];
}

function hammer(env: Record<string, string>): Promise<HammerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tests/support/zoho-budget-hammer.ts'],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!));
      else reject(new Error(`hammer exited ${code}: ${err}`));
    });
  });
}

/** Four processes: three background workers and one interactive server. */
async function runFleet(scope: 'shared' | 'process', windowMs: number) {
  const installationId = await connectedInstallation();
  zoho.control.setRateLimit({ limit: LIMIT, windowMs: SIM_WINDOW_MS, blockMs: 60_000 });
  zoho.control.resetRateLimits();
  zoho.control.clearCallLog();
  const base = {
    INSTALLATION_ID: installationId,
    ZOHO_SIM_URL: zoho.url,
    LIMIT: String(LIMIT),
    WINDOW_MS: String(windowMs),
    START_AT: String(Date.now() + 6_000),
    DURATION_MS: String(DURATION_MS),
    SCOPE: scope,
  };
  const results = await Promise.all([
    hammer({ ...base, LANE: 'background' }),
    hammer({ ...base, LANE: 'background' }),
    hammer({ ...base, LANE: 'background' }),
    hammer({ ...base, LANE: 'interactive' }),
  ]);
  const portalCalls = zoho.control.callLog().filter((c) => c.method === 'GET' && c.endpoint.endsWith('/portals'));
  return { results, portalCalls };
}

/** Most calls the simulator saw in any sliding window of its own length. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('Zoho call budget shared by every process', () => {
  it('regression: per-process budgets (each the full limit) together go past Zoho’s limit', async () => {
    const { portalCalls } = await runFleet('process', SIM_WINDOW_MS);
    const times = portalCalls.map((c) => Date.parse(c.time));
    expect(busiestWindow(times, SIM_WINDOW_MS)).toBeGreaterThan(LIMIT);
    expect(zoho.control.rateLimitBlocks().length).toBeGreaterThan(0);
  }, 60_000);

  it('three workers and a server never exceed the budget in any window of Zoho’s count; the server’s lane is served', async () => {
    const { results, portalCalls } = await runFleet('shared', SIM_WINDOW_MS);
    for (const r of results) expect(r.errors).toEqual([]);
    const times = portalCalls.map((c) => Date.parse(c.time));
    expect(portalCalls.every((c) => c.status === 200)).toBe(true);
    expect(zoho.control.rateLimitBlocks()).toEqual([]);
    expect(busiestWindow(times, SIM_WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // Not starved either: the window was used (≥ one full background share per window).
    const windows = Math.floor(DURATION_MS / (SIM_WINDOW_MS + 1_000));
    expect(portalCalls.length).toBeGreaterThanOrEqual(windows * laneLimit(LIMIT, 'background'));
    // Background work never takes the interactive reserve, so the server got calls in.
    const background = results.filter((r) => r.lane === 'background').flatMap((r) => r.calls);
    expect(busiestWindow(background, SIM_WINDOW_MS)).toBeLessThanOrEqual(laneLimit(LIMIT, 'background'));
    const server = results.find((r) => r.lane === 'interactive')!;
    expect(server.calls.length).toBeGreaterThanOrEqual(LIMIT - laneLimit(LIMIT, 'background'));
  }, 60_000);
});
