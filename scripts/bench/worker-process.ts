/**
 * Runs the real worker process (worker/main.ts, production wiring: credentials from the
 * database, clients from clients-from-db) against a harness's simulators, and reads its peak RSS
 * (VmHWM) from /proc, so the memory row measures the worker alone.
 *
 * Like production (Dockerfile: `npm run build`, then `node dist/...`), the worker runs from
 * compiled JavaScript with a workflow bundle built ahead of time. BENCH_WORKER_RUNTIME=tsx runs
 * the TypeScript sources through tsx instead (its loader thread adds memory production never has).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSecretBox } from '../../store/secrets';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../sim/zoho';
import type { Harness } from '../../tests/e2e/support/harness';

export interface WorkerProcess {
  child: ChildProcess;
  peakRssMb(): number;
  rssMb(): number;
  /** Graceful stop (SIGTERM: in-flight work drains). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, nothing drains. */
  kill(): Promise<void>;
}

export interface WorkerProcessOptions {
  /** 'dist' (default; BENCH_WORKER_RUNTIME=tsx overrides) runs the compiled build; 'tsx' the sources. */
  runtime?: 'dist' | 'tsx';
  /** Drop the worker's stderr (its SDK logs); tests keep their output readable. */
  quiet?: boolean;
}

const ROOT = resolve(__dirname, '../..');
/** Inside the repo so compiled files resolve node_modules; gitignored with node_modules. */
const BUILD_DIR = join(ROOT, 'node_modules/.cache/zjc-bench');

/**
 * How the bench runs the product's processes (worker and server), as an operator would in
 * production: Node flags (BENCH_NODE_FLAGS) and process environment (BENCH_MALLOC_ARENA_MAX,
 * BENCH_MALLOC_MMAP_THRESHOLD), the Dockerfile's.
 */
export const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=160 --max-semi-space-size=2')
  .split(' ')
  .filter(Boolean);
/**
 * The worker's own flag on top (docker-compose's worker command): one V8 platform thread instead of
 * four. Concurrent compile and GC jobs on four threads held 25–35 MB more resident memory at the
 * worker's peak (idle scan of 10 000 links: 236–252 → 211–216 MB; auto-create of 2 000: 244–246 →
 * 215–218 MB) at the same CPU per record. The server keeps the default: its burst intake fell from
 * ~1 030 to ~740 accepted/s on one thread (BENCH_WORKER_NODE_FLAGS overrides).
 */
export const WORKER_NODE_FLAGS = (process.env.BENCH_WORKER_NODE_FLAGS ?? '--v8-pool-size=1').split(' ').filter(Boolean);
export const PROCESS_ENV: Record<string, string> = {
  NODE_OPTIONS: '',
  // glibc keeps up to 8 malloc arenas per core for the many native threads (Temporal core, V8, libuv).
  MALLOC_ARENA_MAX: process.env.BENCH_MALLOC_ARENA_MAX ?? '2',
  // A fixed threshold: blocks from 128 KiB go to mmap and back to the system when freed. glibc's
  // default raises it after each large free, so page-sized buffers of a 10 000-link scan stayed in
  // the main heap (its [heap] mapping: 70 → 47 MB resident at the worker's peak).
  MALLOC_MMAP_THRESHOLD_: process.env.BENCH_MALLOC_MMAP_THRESHOLD ?? '131072',
};

const workerEntry = (runtime: 'dist' | 'tsx') =>
  runtime === 'tsx' ? ['--import', 'tsx', 'worker/main.ts'] : [join(compiledBuild(), 'worker/main.js')];

const bundles = new Map<string, string>();
/** Built once per bench run the production way: `node dist/worker/main.js --build-bundle <file>`. */
function workflowBundle(runtime: 'dist' | 'tsx'): string {
  let file = bundles.get(runtime);
  if (!file) {
    mkdirSync(BUILD_DIR, { recursive: true });
    file = join(BUILD_DIR, `workflow-bundle-${runtime}-${process.pid}.js`);
    const run = spawnSync(process.execPath, [...workerEntry(runtime), '--build-bundle', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`building the workflow bundle failed:\n${run.stdout}\n${run.stderr}`);
    bundles.set(runtime, file);
    const built = file;
    process.once('exit', () => rmSync(built, { force: true }));
  }
  return file;
}

let compiled: string | undefined;
/**
 * `tsc -p tsconfig.build.json` (the production build) into the cache dir, once per bench run;
 * returns the output directory (worker/main.js, server/main.js, …).
 */
export function compiledBuild(): string {
  if (!compiled) {
    const out = join(BUILD_DIR, 'dist');
    const tsc = spawnSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        out,
        '--incremental',
        '--tsBuildInfoFile',
        join(BUILD_DIR, 'tsbuildinfo'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${tsc.stdout}\n${tsc.stderr}`);
    compiled = out;
  }
  return compiled;
}

export function statusKb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // exited
  }
}

/** Resident kB per mapping (file name, [heap], [anon], [stack]) from /proc/<pid>/smaps. */
function residentByMapping(pid: number | undefined): Record<string, number> | undefined {
  try {
    const out: Record<string, number> = {};
    let name = '[anon]';
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
      if (head) name = head[1] ? (head[1].split('/').pop() ?? head[1]) : '[anon]';
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) out[name] = (out[name] ?? 0) + Number(rss[1]);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** The stored credentials the production wiring reads (idempotent: a second worker reuses them). */
async function storeCredentials(h: Harness): Promise<void> {
  if (await h.prisma.zohoConnection.findUnique({ where: { installationId: h.installationId } })) return;
  const secrets = createSecretBox();
  const { refresh_token } = h.zoho.control.issueTokens({ clientId: DEMO_CLIENT_ID });
  await h.prisma.zohoConnection.create({
    data: {
      installationId: h.installationId,
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecretEnc: secrets.seal(DEMO_CLIENT_SECRET),
      refreshTokenEnc: secrets.seal(refresh_token!),
    },
  });
  await h.prisma.installation.update({
    where: { id: h.installationId },
    data: { systemTokenEnc: secrets.seal('sim-system-token'), systemTokenExpiresAt: new Date(Date.now() + 3_600_000) },
  });
}

export async function startWorkerProcess(
  h: Harness,
  env: Record<string, string> = {},
  opts: WorkerProcessOptions = {},
): Promise<WorkerProcess> {
  await storeCredentials(h);
  const runtime = process.env.BENCH_WORKER_RUNTIME === 'tsx' ? 'tsx' : (opts.runtime ?? 'dist');
  const child = spawn(process.execPath, [...NODE_FLAGS, ...WORKER_NODE_FLAGS, ...workerEntry(runtime)], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_TASK_QUEUE: h.taskQueue,
      ZOHO_ACCOUNTS_URL: h.zoho.url,
      ZOHO_API_URL: h.zoho.url,
      JIRA_API_BASE_OVERRIDE: h.jira.apiBaseUrl,
      ZOHO_BUDGET_PER_2MIN: '150',
      ...PROCESS_ENV,
      WORKFLOW_BUNDLE_PATH: workflowBundle(runtime),
      ...env,
    },
    stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'inherit'],
  });
  await new Promise<void>((resolveStart, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('worker polling')) resolveStart();
    });
  });
  // BENCH_WORKER_LOG=<file>: keep the worker's stdout (e.g. with --trace-gc in BENCH_NODE_FLAGS).
  if (process.env.BENCH_WORKER_LOG)
    child.stdout!.on('data', (d: Buffer) => appendFileSync(process.env.BENCH_WORKER_LOG!, d));
  let peak = 0;
  let peakRss = 0;
  let peakMaps: Record<string, number> | undefined;
  const read = () => {
    peak = Math.max(peak, (statusKb(child.pid, 'VmHWM') ?? 0) / 1024);
    // BENCH_WORKER_SMAPS=1: where the resident memory sits at the highest RSS seen (printed on stop).
    if (!process.env.BENCH_WORKER_SMAPS) return;
    const rss = statusKb(child.pid, 'VmRSS') ?? 0;
    if (rss > peakRss) {
      peakRss = rss;
      peakMaps = residentByMapping(child.pid) ?? peakMaps;
    }
  };
  const timer = setInterval(read, 200);
  const end = async (signal: NodeJS.Signals) => {
    read();
    clearInterval(timer);
    if (peakMaps) {
      const top = Object.entries(peakMaps)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8);
      console.log(
        `worker ${child.pid} at ${Math.round(peakRss / 1024)} MB RSS: ${top.map(([k, v]) => `${k} ${Math.round(v / 1024)} MB`).join(', ')}`,
      );
    }
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    }
  };
  return {
    child,
    peakRssMb: () => {
      read();
      return peak;
    },
    rssMb: () => (statusKb(child.pid, 'VmRSS') ?? 0) / 1024,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
