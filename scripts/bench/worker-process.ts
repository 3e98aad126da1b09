/**
 * Runs the real worker process (activities/worker.ts, production wiring: credentials from the
 * database, clients from clients-from-db) against a harness's simulators, and reads its peak RSS
 * (VmHWM) from /proc, so the memory row measures the worker alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../activities/worker';
import { createSecretBox } from '../../activities/store/secrets';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../sim/zoho';
import type { Harness } from '../../tests/e2e/support/harness';

export interface WorkerProcess { child: ChildProcess; peakRssMb(): number; stop(): Promise<void> }

let bundlePath: string | undefined;
/** Bundled once per bench run, as a production build would do ahead of time. */
async function workflowBundle(): Promise<string> {
  if (!bundlePath) {
    const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
    bundlePath = join(tmpdir(), `zjc-workflows-${process.pid}.js`);
    writeFileSync(bundlePath, code);
  }
  return bundlePath;
}

export async function startWorkerProcess(h: Harness, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const secrets = createSecretBox();
  const { refresh_token } = h.zoho.control.issueTokens({ clientId: DEMO_CLIENT_ID });
  await h.prisma.zohoConnection.create({
    data: {
      installationId: h.installationId, dataCenter: 'us', clientId: DEMO_CLIENT_ID,
      clientSecretEnc: secrets.seal(DEMO_CLIENT_SECRET), refreshTokenEnc: secrets.seal(refresh_token!),
    },
  });
  await h.prisma.installation.update({
    where: { id: h.installationId },
    data: { systemTokenEnc: secrets.seal('sim-system-token'), systemTokenExpiresAt: new Date(Date.now() + 3_600_000) },
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'activities/worker.ts'], {
    env: {
      ...process.env, TEMPORAL_TASK_QUEUE: h.taskQueue, ZOHO_ACCOUNTS_URL: h.zoho.url, ZOHO_API_URL: h.zoho.url,
      JIRA_API_BASE_OVERRIDE: h.jira.apiBaseUrl, ZOHO_BUDGET_PER_2MIN: '150', NODE_OPTIONS: '--max-old-space-size=160', WORKFLOW_BUNDLE_PATH: await workflowBundle(), ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('worker polling')) resolve(); });
  });
  let peak = 0;
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // exited
    }
  };
  const timer = setInterval(read, 200);
  return {
    child,
    peakRssMb: () => { read(); return peak; },
    async stop() {
      read();
      clearInterval(timer);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}
