/**
 * A production-shaped Temporal on loopback: `temporal-server` persisting to PostgreSQL with SQL
 * visibility, its schema created and upgraded by `temporal-sql-tool` (what Temporal's admin-tools
 * image does in production), the namespace and our search attributes registered, and the Web UI.
 * The server reads Temporal's own config template (config/docker.yaml of the server module, the file
 * the temporalio/server image renders from environment variables), so this and docker-compose
 * configure Temporal the same way.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTemporalCli } from './temporal-cli.mjs';
import { ensureTemporalClusterBinaries } from './temporal-cluster-build.mjs';
import { SEARCH_ATTRIBUTE_FLAGS, waitTemporalReady } from './temporal-server.mjs';

/** Temporal's default ports (7233 frontend …) moved by `offset`, so a dev server can run beside it. */
export function temporalPorts(offset = 100) {
  const p = (n) => String(n + offset);
  return {
    FRONTEND_GRPC_PORT: p(7233),
    FRONTEND_HTTP_PORT: p(7243),
    FRONTEND_MEMBERSHIP_PORT: p(6933),
    INTERNAL_FRONTEND_GRPC_PORT: p(7236),
    INTERNAL_FRONTEND_HTTP_PORT: p(7246),
    INTERNAL_FRONTEND_MEMBERSHIP_PORT: p(6936),
    MATCHING_GRPC_PORT: p(7235),
    MATCHING_MEMBERSHIP_PORT: p(6935),
    HISTORY_GRPC_PORT: p(7234),
    HISTORY_MEMBERSHIP_PORT: p(6934),
    WORKER_GRPC_PORT: p(7239),
    WORKER_MEMBERSHIP_PORT: p(6939),
  };
}

const DATABASES = [
  { name: 'temporal', schema: 'schema/postgresql/v12/temporal/versioned' },
  { name: 'temporal_visibility', schema: 'schema/postgresql/v12/visibility/versioned' },
];

/**
 * Creates Temporal's two databases and brings their schema to this server version (idempotent:
 * an existing schema is only upgraded).
 * @param {{ sqlTool: string, moduleDir: string, pg: { host: string, port: number, user: string, password: string }, log: (m: string) => void }} o
 */
export function setupTemporalSchema(o) {
  for (const db of DATABASES) {
    const base = [
      '--plugin',
      'postgres12',
      '--ep',
      o.pg.host,
      '-p',
      String(o.pg.port),
      '-u',
      o.pg.user,
      '--db',
      db.name,
    ];
    const env = { ...process.env, SQL_PASSWORD: o.pg.password };
    const run = (args) => spawnSync(o.sqlTool, [...base, ...args], { env, encoding: 'utf8' });
    run(['create-database']); // fails harmlessly when it exists
    const setup = run(['setup-schema', '-v', '0.0']);
    if (setup.status !== 0 && !/already exists/i.test(setup.stderr + setup.stdout)) {
      throw new Error(`temporal-sql-tool setup-schema on ${db.name} failed: ${lastLine(setup)}`);
    }
    const update = run(['update-schema', '-d', join(o.moduleDir, db.schema)]);
    if (update.status !== 0)
      throw new Error(`temporal-sql-tool update-schema on ${db.name} failed: ${lastLine(update)}`);
    o.log(`Temporal database ${db.name}: schema up to date`);
  }
}

const lastLine = (r) =>
  (r.stderr || r.stdout || r.error?.message || '').trim().split('\n').slice(-2).join(' | ') || `exit ${r.status}`;

/**
 * Starts temporal-server (all four services in one process) on the PostgreSQL given.
 * @param {{ workDir: string, pg: { host: string, port: number, user: string, password: string },
 *           portOffset?: number, logFile?: string, log?: (m: string) => void }} o
 */
export async function startTemporalServer(o) {
  const log = o.log ?? ((m) => console.error(`[temporal-cluster] ${m}`));
  const bins = await ensureTemporalClusterBinaries(log);
  setupTemporalSchema({ sqlTool: bins.sqlTool, moduleDir: bins.moduleDir, pg: o.pg, log });
  const configDir = join(o.workDir, 'config');
  mkdirSync(join(configDir, 'dynamicconfig'), { recursive: true });
  copyFileSync(join(bins.moduleDir, 'config', 'docker.yaml'), join(configDir, 'docker.yaml'));
  const dynamic = join(configDir, 'dynamicconfig', 'cluster.yaml');
  if (!existsSync(dynamic)) {
    // New search attributes are visible at once (registration happens while workers start).
    writeFileSync(dynamic, 'system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n');
  }
  const ports = temporalPorts(o.portOffset);
  const env = {
    ...process.env,
    ...ports,
    DB: 'postgres12',
    POSTGRES_SEEDS: o.pg.host,
    DB_PORT: String(o.pg.port),
    POSTGRES_PORT: String(o.pg.port),
    POSTGRES_USER: o.pg.user,
    POSTGRES_PWD: o.pg.password,
    DBNAME: 'temporal',
    VISIBILITY_DBNAME: 'temporal_visibility',
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: dynamic,
    LOG_LEVEL: process.env.TEMPORAL_LOG_LEVEL ?? 'warn',
    NUM_HISTORY_SHARDS: '4',
  };
  const out = o.logFile ? openSync(o.logFile, 'a') : 'ignore';
  const start = () =>
    spawn(bins.server, ['--root', o.workDir, '--config', 'config', '--env', 'docker', '--allow-no-auth', 'start'], {
      env,
      stdio: ['ignore', out, out],
    });
  let child = start();
  const address = `127.0.0.1:${ports.FRONTEND_GRPC_PORT}`;
  await waitTemporalReady(address, undefined, child, 120_000, 'temporal-server');
  await registerNamespace(address, 'default', log);
  log(`temporal-server ${address} serving (PostgreSQL persistence and SQL visibility)`);
  return {
    address,
    namespace: 'default',
    get pid() {
      return child.pid;
    },
    /** Restarts the server process (chaos tests): SIGKILL, or SIGTERM when graceful. */
    async restart(signal = 'SIGKILL') {
      await stopProcess(child, signal);
      child = start();
      await waitTemporalReady(address, undefined, child, 120_000, 'temporal-server');
    },
    stop: () => stopProcess(child, 'SIGTERM'),
    ui: bins.ui,
  };
}

function stopProcess(child, signal) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** The namespace and the search attributes the admin grid and the Web UI filter on (idempotent). */
async function registerNamespace(address, namespace, log) {
  const cli = await ensureTemporalCli(log);
  const cli1 = (args) => spawnSync(cli, [...args, '--address', address], { encoding: 'utf8' });
  const ns = cli1(['operator', 'namespace', 'create', '--namespace', namespace, '--retention', '72h']);
  if (ns.status !== 0 && !/already/i.test(ns.stderr + ns.stdout)) {
    throw new Error(`registering namespace ${namespace} failed: ${lastLine(ns)}`);
  }
  // A new namespace needs a moment before it is served by every service.
  for (let i = 0; i < 60; i++) {
    if (cli1(['operator', 'namespace', 'describe', '--namespace', namespace]).status === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const flag of SEARCH_ATTRIBUTE_FLAGS) {
    const [name, type] = flag.split('=');
    for (let attempt = 0; ; attempt++) {
      const sa = cli1([
        'operator',
        'search-attribute',
        'create',
        '--namespace',
        namespace,
        '--name',
        name,
        '--type',
        type,
      ]);
      if (sa.status === 0 || /already/i.test(sa.stderr + sa.stdout)) break;
      if (attempt >= 20) throw new Error(`registering search attribute ${name} failed: ${lastLine(sa)}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/**
 * The Web UI server against this cluster, when it could be built.
 * @param {{ ui: string, address: string, port: number, workDir: string, logFile?: string }} o
 */
export function startTemporalUi(o) {
  const dir = join(o.workDir, 'ui');
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    join(dir, 'config', 'cluster.yaml'),
    [
      `temporalGrpcAddress: ${o.address}`,
      'host: 127.0.0.1',
      `port: ${o.port}`,
      'enableUi: true',
      'defaultNamespace: default',
      'cors:',
      '  cookieInsecure: true',
      '',
    ].join('\n'),
  );
  const out = o.logFile ? openSync(o.logFile, 'a') : 'ignore';
  const child = spawn(o.ui, ['--root', dir, '--config', 'config', '--env', 'cluster', 'start'], {
    stdio: ['ignore', out, out],
  });
  return { url: `http://127.0.0.1:${o.port}`, stop: () => stopProcess(child, 'SIGTERM') };
}
