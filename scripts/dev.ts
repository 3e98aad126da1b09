/**
 * `npm run dev`: the whole product on one machine, with no manual step.
 * Temporal dev server (Web UI, SQLite file) · local PostgreSQL · migrations · simulators with demo data
 * (unless real credentials are configured) · server · worker · dev console. Ctrl-C stops all of it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { localSecretsKey, waitHttp } from './infra/local-stack';

const root = resolve(__dirname, '..');
const dataDir = join(root, '.data');

const env = z
  .object({
    PORT: z.coerce.number().int().default(3000),
    TEMPORAL_PORT: z.coerce.number().int().default(7233),
    TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
    DEV_PG_PORT: z.coerce.number().int().default(54329),
    JIRA_SIM_PORT: z.coerce.number().int().default(4010),
    ZOHO_SIM_PORT: z.coerce.number().int().default(4020),
    /** A real Forge app id means real Jira and Zoho: no simulators, no dev console. */
    FORGE_APP_ID: z.string().optional(),
  })
  .parse(process.env);

const children: ChildProcess[] = [];
const stops: Array<() => Promise<void>> = [];
const t0 = Date.now();
const step = (m: string): void => console.log(`[dev +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function run(name: string, script: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (buf: Buffer): string =>
    String(buf)
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${name}] ${l}`)
      .join('\n') + '\n';
  child.stdout?.on('data', (b: Buffer) => process.stdout.write(prefix(b)));
  child.stderr?.on('data', (b: Buffer) => process.stderr.write(prefix(b)));
  child.on('exit', (code, signal) => {
    if (!shuttingDown) step(`${name} exited (${code ?? signal})`);
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
async function shutdown(code: number): Promise<never> {
  if (shuttingDown) process.exit(code);
  shuttingDown = true;
  console.log('\nStopping…');
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  // One dev FIT key for this process (the Jira simulator's Forge events) and the server that verifies them.
  process.env.DEV_FIT_KEY_FILE ??= join(dataDir, 'dev-fit-key.json');
  const { startTemporalDevServer, stopTemporalDevServer } = await import('./infra/temporal-server.mjs');
  const { ensurePostgres } = await import('./infra/postgres.mjs');

  step('starting Temporal dev server and PostgreSQL');
  const [temporal, pg] = await Promise.all([
    startTemporalDevServer({
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      dbFile: join(dataDir, 'temporal.sqlite'),
      logFile: join(dataDir, 'temporal.log'),
    }),
    ensurePostgres({
      dataDir: join(dataDir, 'postgres'),
      database: 'zjc',
      port: env.DEV_PG_PORT,
      persistent: true,
      log: (m) => step(m),
    }),
  ]);
  stops.push(
    () => stopTemporalDevServer(temporal.pid),
    () => pg.stop(),
  );

  step('applying migrations');
  const migrate = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pg.url },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed:\n${migrate.stdout}${migrate.stderr}`);

  const demo = !env.FORGE_APP_ID;
  const base = `http://127.0.0.1:${env.PORT}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(env.PORT),
    DATABASE_URL: pg.url,
    SECRETS_KEY: process.env.SECRETS_KEY ?? localSecretsKey(dataDir, 'dev1'),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_WEB_URL: temporal.uiUrl,
    // Readable server log lines (pino-pretty) instead of JSON, unless set otherwise.
    LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
  };
  let simUrls: { jira: string; zoho: string } | undefined;
  if (demo) {
    step('starting the Jira and Zoho simulators with demo data');
    const { startDemoSimulators } = await import('./infra/demo-simulators');
    const sims = await startDemoSimulators({
      serverUrl: base,
      eventRetryDelayMs: 5_000,
      jira: { port: env.JIRA_SIM_PORT, searchLagMs: 1000 },
      zoho: { port: env.ZOHO_SIM_PORT },
    });
    stops.push(() => sims.close());
    simUrls = { jira: sims.jira.url, zoho: sims.zoho.url };
    Object.assign(appEnv, sims.appEnv);
  }

  step('starting server and worker');
  run('server', 'server/main.ts', appEnv);
  run('worker', 'worker/main.ts', appEnv);
  await waitHttp(`${base}/readyz`, 60_000);

  console.log('\nEverything is up:');
  if (demo) console.log(`  Dev console (admin page + issue panel)  ${base}/dev-console`);
  console.log(`  Temporal Web UI                         ${temporal.uiUrl}`);
  console.log(`  Server (health, OpenAPI)                ${base}/readyz  ${base}/openapi.json`);
  console.log(`  PostgreSQL                              ${pg.url.replace(/:[^:@/]+@/, ':***@')}`);
  if (simUrls) {
    console.log(`  Jira Cloud simulator                    ${simUrls.jira}`);
    console.log(`  Zoho Projects simulator                 ${simUrls.zoho}`);
  }
  console.log(`Started in ${((Date.now() - t0) / 1000).toFixed(1)} s. Ctrl-C stops everything.\n`);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
/** Every start-up failure ends as one line naming the cause (and the fix where we know it), no stack. */
async function fail(err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`npm run dev failed: ${message.trim().split('\n').join(' | ')}`);
  await shutdown(1);
}
// An 'error' event no one listens to (a child that cannot spawn, a socket) would print a stack.
process.on('uncaughtException', (err) => void fail(err));
process.on('unhandledRejection', (err) => void fail(err));
main().catch(fail);
