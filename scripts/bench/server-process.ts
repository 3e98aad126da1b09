/**
 * The real server process for the memory row: `node dist/server/main.js` from the production build
 * (the Dockerfile's command), configured like production except that FITs are verified against a
 * JWKS the bench serves (the local dev key signs them). Its peak RSS (VmHWM) is read from /proc
 * while the panel and the admin grid are queried.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DEV_APP_ID, devJwks } from '../../server/dev/dev-keys';
import type { Harness } from '../../tests/e2e/support/harness';
import { compiledBuild, NODE_FLAGS, PROCESS_ENV, statusKb } from './worker-process';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  peakRssMb(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServerProcess(h: Harness): Promise<ServerProcess> {
  const body = JSON.stringify(await devJwks());
  const jwks: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const child = spawn(process.execPath, [...NODE_FLAGS, join(compiledBuild(), 'server/main.js')], {
    cwd: resolve(__dirname, '../..'),
    env: {
      ...process.env,
      ...PROCESS_ENV,
      PORT: '0',
      LOG_LEVEL: 'info',
      FORGE_APP_ID: DEV_APP_ID,
      FORGE_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
      JIRA_API_BASE_OVERRIDE: h.jira.apiBaseUrl,
      ZOHO_ACCOUNTS_URL: h.zoho.url,
      ZOHO_API_URL: h.zoho.url,
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await new Promise((r) => jwks.close(r));
  };
  let url: string;
  try {
    url = await new Promise<string>((resolveUrl, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out = (out + d.toString()).slice(-4096);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolveUrl(m[1]);
      });
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    child,
    url,
    stop,
    peakRssMb: () => (statusKb(child.pid, 'VmHWM') ?? 0) / 1024,
    rssMb: () => (statusKb(child.pid, 'VmRSS') ?? 0) / 1024,
  };
}
