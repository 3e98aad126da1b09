/**
 * Starts scripts/bench/event-server.ts as a child process for the event benchmarks, with a JWKS
 * served by the bench (the dev key that signs the FITs), so the server verifies FITs exactly as in
 * production (remote key set). Also reads process CPU time from /proc for the bench's profile line.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_APP_ID, devJwks } from '../../server/dev/dev-keys';
import type { Harness } from '../../tests/e2e/support/harness';

export interface EventServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function serveJwks(): Promise<Server> {
  const body = JSON.stringify(await devJwks());
  const srv = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return srv;
}

export async function startEventServer(h: Harness, env: Record<string, string> = {}): Promise<EventServer> {
  const jwks = await serveJwks();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`]
        : []),
      '--import',
      'tsx',
      'scripts/bench/event-server.ts',
    ],
    {
      env: {
        ...process.env,
        PORT: '0',
        FORGE_APP_ID: DEV_APP_ID,
        BENCH_TASK_QUEUE: h.taskQueue,
        FORGE_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        JIRA_API_BASE_OVERRIDE: h.jira.apiBaseUrl,
        ZOHO_ACCOUNTS_URL: h.zoho.url,
        ZOHO_API_URL: h.zoho.url,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await new Promise((r) => jwks.close(r));
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
    });
    return { url, pid: child.pid!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** User and system CPU seconds of a process so far (0 when it is gone). */
export function processCpu(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(f[11]) / 100, system: Number(f[12]) / 100 };
  } catch {
    return { user: 0, system: 0 };
  }
}

export function processCpuSeconds(pid: number): number {
  const c = processCpu(pid);
  return c.user + c.system;
}

/** The Temporal dev server started by this bench process (scripts/bench/infra.ts), if any. */
export function temporalServerPid(): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('start-dev')) return Number(d);
    } catch {
      // gone
    }
  }
  return undefined;
}
