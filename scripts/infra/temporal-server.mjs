/**
 * Starts `temporal server start-dev` and waits until its frontend answers (our own wait: the SDK's
 * createLocal gives up after 5 s). Used by `npm run dev` (Web UI, SQLite file) and by jest's
 * globalSetup (headless, in memory). Stop it with `stopTemporalDevServer(pid)`.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { ensureTemporalCli } from './temporal-cli.mjs';

export const SEARCH_ATTRIBUTE_FLAGS = ['ZjcInstallation=Keyword', 'ZjcSmartConnectedItem=Keyword'];

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Waits until a Temporal frontend serves: the namespace is described, or (namespace undefined)
 * the system info answers. Throws when `child` exits or after `timeoutMs`.
 */
export async function waitTemporalReady(address, namespace, child, timeoutMs, what = 'temporal dev server') {
  const { Connection } = await import('@temporalio/client');
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        if (namespace) await conn.workflowService.describeNamespace({ namespace });
        else await conn.workflowService.getSystemInfo({});
        return;
      } finally {
        await conn.close();
      }
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms: ${lastError?.message ?? 'no answer'}`);
}

/**
 * @param {{ port?: number, uiPort?: number, headless?: boolean, dbFile?: string, logFile?: string,
 *           namespace?: string, timeoutMs?: number }} opts
 */
export async function startTemporalDevServer(opts = {}) {
  const cli = await ensureTemporalCli();
  const port = opts.port ?? (await freePort());
  const namespace = opts.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    '--sqlite-pragma',
    'journal_mode=WAL',
    // One partition per task queue. Partitions spread a queue over matching hosts; on one host they
    // only add forwarding: with the default 4, a task landing on a partition no poller sat on waited
    // seconds (a 2 000-event burst: the last 10 % of the new issue workflows waited 4-5 s to start,
    // with a worker's two pollers of new work). A multi-host cluster keeps the default (README).
    '--dynamic-config-value',
    'matching.numTaskqueueReadPartitions=1',
    '--dynamic-config-value',
    'matching.numTaskqueueWritePartitions=1',
  ];
  for (const sa of SEARCH_ATTRIBUTE_FLAGS) args.push('--search-attribute', sa);
  let uiPort;
  if (opts.headless) {
    args.push('--headless');
  } else {
    uiPort = opts.uiPort ?? port + 1000;
    args.push('--ui-port', String(uiPort));
  }
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  const out = opts.logFile ? openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(cli, args, { stdio: ['ignore', out, out], detached: false });
  const address = `127.0.0.1:${port}`;
  await waitTemporalReady(address, namespace, child, opts.timeoutMs ?? 60_000);
  return { pid: child.pid, address, namespace, uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined, child };
}

export async function stopTemporalDevServer(pid, timeoutMs = 10_000) {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
