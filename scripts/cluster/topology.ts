/**
 * The production-shaped topology on loopback, as a library (`npm run cluster` and the chaos tests
 * drive it): PostgreSQL (ours and Temporal's databases), a real temporal-server on it with SQL
 * visibility and its Web UI, migrations, the Jira and Zoho simulators, TWO workers and TWO API
 * servers as separate OS processes, and a load balancer in front of the servers. Every process can
 * be killed and restarted, which is what the chaos tests do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JiraSim, JiraSimOptions } from '../../sim/jira';
import type { ZohoSim } from '../../sim/zoho';
import { startDemoSimulators } from '../infra/demo-simulators';
import { localSecretsKey, waitHttp } from '../infra/local-stack';
import { startBalancer, type Balancer } from './balancer';

const root = resolve(__dirname, '..', '..');

export interface ClusterOptions {
  /** Where data and logs live (kept between runs unless fresh). */
  dataDir: string;
  /** The load balancer's port (what Forge Remote / the simulators call). Default 3100. */
  port?: number;
  workers?: number;
  servers?: number;
  /** Temporal's default ports are moved by this much (default 100: frontend 7333). */
  temporalPortOffset?: number;
  uiPort?: number;
  pgPort?: number;
  /** Simulator settings (rate limits, demo data). */
  jira?: JiraSimOptions;
  zoho?: Parameters<typeof startDemoSimulators>[0]['zoho'];
  /** First Prometheus port (servers base+1…, workers base+11…, SDK base+21…); null: no metrics. Default 9470. */
  metricsPortBase?: number | null;
  /** Extra environment for our workers and servers. */
  env?: Record<string, string>;
  log?: (m: string) => void;
}

export interface AppProcess {
  name: string;
  readonly pid: number | undefined;
  kill(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
}

export interface Cluster {
  url: string;
  databaseUrl: string;
  temporalAddress: string;
  uiUrl?: string;
  jira: JiraSim;
  zoho: ZohoSim;
  workers: AppProcess[];
  servers: AppProcess[];
  restartTemporal(signal?: NodeJS.Signals): Promise<void>;
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

type Pg = { url: string; stop(): Promise<void> };

/** Children still running when this process exits (a killed test run) are killed with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Node flags of the workers, as docker-compose's worker command (one V8 platform thread: README, Benchmarks). */
const WORKER_NODE_FLAGS = ['--v8-pool-size=1'];

function appProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
  ready?: string,
  nodeFlags: string[] = [],
): AppProcess {
  let child: ChildProcess | undefined;
  const out = openSync(join(logDir, `${name}.log`), 'a');
  return {
    name,
    get pid() {
      return child?.pid;
    },
    async start() {
      const c = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
        cwd: root,
        env,
        stdio: ['ignore', out, out],
      });
      child = c;
      running.add(c);
      c.once('exit', () => running.delete(c));
      if (ready) await waitHttp(ready, 90_000);
    },
    kill(signal = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      return new Promise((done) => {
        c.once('exit', () => done());
        c.kill(signal);
      });
    },
  };
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? ((m: string) => console.log(`[cluster] ${m}`));
  const logDir = join(opts.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  // One dev FIT key for this process (simulator events, tests) and every API server behind the balancer.
  process.env.DEV_FIT_KEY_FILE ??= join(opts.dataDir, 'dev-fit-key.json');
  const stops: Array<() => Promise<void>> = [];
  const { ensurePostgres } = await import('../infra/postgres.mjs');
  const { startTemporalServer, startTemporalUi } = await import('../infra/temporal-cluster.mjs');

  const pgPort = opts.pgPort ?? 54339;
  const openPg = (): Promise<Pg> =>
    ensurePostgres({ dataDir: join(opts.dataDir, 'postgres'), database: 'zjc', port: pgPort, persistent: true, log });
  log('starting PostgreSQL');
  let pg = await openPg();
  const pgUrl = new URL(pg.url);
  const pgConn = {
    host: '127.0.0.1',
    port: pgPort,
    user: decodeURIComponent(pgUrl.username),
    password: decodeURIComponent(pgUrl.password),
  };
  log('starting temporal-server on PostgreSQL (schema by temporal-sql-tool)');
  const temporal = await startTemporalServer({
    workDir: join(opts.dataDir, 'temporal'),
    pg: pgConn,
    portOffset: opts.temporalPortOffset ?? 100,
    logFile: join(logDir, 'temporal-server.log'),
    log,
  });
  stops.push(() => temporal.stop());
  let uiUrl: string | undefined;
  if (temporal.ui) {
    const ui = startTemporalUi({
      ui: temporal.ui,
      address: temporal.address,
      port: opts.uiPort ?? 8333,
      workDir: join(opts.dataDir, 'temporal'),
      logFile: join(logDir, 'temporal-ui.log'),
    });
    stops.push(() => ui.stop());
    uiUrl = ui.url;
  }

  log('applying migrations');
  const migrate = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pg.url },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed: ${migrate.stderr || migrate.stdout}`);

  const port = opts.port ?? 3100;
  const base = `http://127.0.0.1:${port}`;
  log('starting the Jira and Zoho simulators');
  const sims = await startDemoSimulators({
    serverUrl: base,
    eventRetryDelayMs: 2_000,
    jira: opts.jira,
    zoho: opts.zoho,
  });
  const { jira, zoho } = sims;
  stops.push(() => sims.close());

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    SECRETS_KEY: process.env.SECRETS_KEY ?? localSecretsKey(opts.dataDir, 'cluster1'),
    DEV_FIT_KEY_FILE: process.env.DEV_FIT_KEY_FILE,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_WEB_URL: uiUrl ?? '',
    // The Dockerfile's allocator settings (see there): few malloc arenas, large blocks via mmap.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
    ...sims.appEnv,
    ...opts.env,
  };
  const metricsBase = opts.metricsPortBase === undefined ? 9470 : opts.metricsPortBase;
  const metricsEnv = (own: number, sdk?: number): Record<string, string> =>
    metricsBase === null
      ? {}
      : {
          METRICS_PORT: String(metricsBase + own),
          ...(sdk ? { TEMPORAL_METRICS_PORT: String(metricsBase + sdk) } : {}),
        };
  const serverCount = opts.servers ?? 2;
  const servers = Array.from({ length: serverCount }, (_, i) => {
    const p = port + 1 + i;
    return appProcess(
      `server-${i + 1}`,
      'server/main.ts',
      { ...appEnv, PORT: String(p), ...metricsEnv(1 + i) },
      logDir,
      `http://127.0.0.1:${p}/readyz`,
    );
  });
  const workers = Array.from({ length: opts.workers ?? 2 }, (_, i) =>
    appProcess(
      `worker-${i + 1}`,
      'worker/main.ts',
      { ...appEnv, ...metricsEnv(11 + i, 21 + i) },
      logDir,
      undefined,
      WORKER_NODE_FLAGS,
    ),
  );
  log(`starting ${serverCount} API servers and ${workers.length} workers`);
  await Promise.all([...servers, ...workers].map((p) => p.start()));
  const balancer: Balancer = await startBalancer(
    servers.map((_, i) => `http://127.0.0.1:${port + 1 + i}`),
    port,
  );
  stops.push(() => balancer.close());
  const everyApp = [...servers, ...workers];

  return {
    url: balancer.url,
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    uiUrl,
    jira,
    zoho,
    workers,
    servers,
    restartTemporal: (signal) => temporal.restart(signal),
    async restartPostgres() {
      await pg.stop();
      pg = await openPg();
    },
    async stop() {
      await Promise.all(everyApp.map((p) => p.kill('SIGTERM')));
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      await pg.stop();
    },
  };
}
