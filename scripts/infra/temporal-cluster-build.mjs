/**
 * Finds (or builds) the binaries of a production-shaped Temporal: `temporal-server` and
 * `temporal-sql-tool` from the Go module go.temporal.io/server at the version the Temporal CLI pins
 * (its build leaves that module in the Go module cache), and the Web UI server from
 * github.com/temporalio/ui-server/v2 at the CLI's pinned version. Built once with `go install` into
 * a cache outside the repository (next to the CLI's), with progress lines; later runs reuse it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheDir as cliCacheDir, TEMPORAL_CLI_VERSION } from './temporal-cli.mjs';

/** Pinned by github.com/temporalio/cli@v1.5.1's go.mod (go.temporal.io/server, temporalio/ui-server/v2). */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_UI_VERSION = 'v2.42.1';

export function clusterCacheDir() {
  return join(dirname(cliCacheDir()), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/** Where the server module's sources (schema, config templates) are in the Go module cache. */
export function serverModuleDir() {
  const modcache =
    process.env.GOMODCACHE || spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout?.trim() || '';
  return join(modcache, `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`);
}

const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function goInstall(what, pkgs, gobin, log) {
  return new Promise((resolve) => {
    log(`Building ${what} with Go into ${gobin} (first run only; several minutes on 2 cores).`);
    const started = Date.now();
    const child = spawn('go', ['install', ...pkgs], {
      env: { ...process.env, GOBIN: gobin, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod -buildvcs=false`.trim() },
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: tmpdir(),
    });
    let errors = '';
    const timer = setInterval(
      () => log(`  … still building ${what} (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
    child.stderr.on('data', (b) => {
      if (/error|cannot|missing/i.test(String(b))) errors += String(b);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) log(`${what} built in ${Math.round((Date.now() - started) / 1000)} s.`);
      else log(`go install of ${what} failed (exit ${code}): ${errors.trim().split('\n').slice(0, 3).join(' | ')}`);
      resolve(code === 0);
    });
    child.on('error', () => {
      clearInterval(timer);
      resolve(false);
    });
  });
}

/**
 * @returns {Promise<{ server: string, sqlTool: string, ui?: string, moduleDir: string }>}
 */
export async function ensureTemporalClusterBinaries(log = (m) => console.error(`[temporal-cluster] ${m}`)) {
  const dir = clusterCacheDir();
  mkdirSync(dir, { recursive: true });
  const server = join(dir, 'temporal-server');
  const sqlTool = join(dir, 'temporal-sql-tool');
  const ui = join(dir, 'temporal-ui-server');
  if (!isExecutable(server) || !isExecutable(sqlTool)) {
    const gobin = join(dir, 'gobin-server');
    mkdirSync(gobin, { recursive: true });
    const ok = await goInstall(
      `temporal-server and temporal-sql-tool ${TEMPORAL_SERVER_VERSION}`,
      [
        `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      gobin,
      log,
    );
    if (!ok || !existsSync(join(gobin, 'server')) || !existsSync(join(gobin, 'sql'))) {
      throw new Error(
        `Could not build temporal-server ${TEMPORAL_SERVER_VERSION}: install Go and reach its module proxy ` +
          `(the Temporal CLI ${TEMPORAL_CLI_VERSION} build fetches the same module), then run again.`,
      );
    }
    renameSync(join(gobin, 'server'), server);
    renameSync(join(gobin, 'sql'), sqlTool);
  }
  if (!isExecutable(ui)) {
    const gobin = join(dir, 'gobin-ui');
    mkdirSync(gobin, { recursive: true });
    const ok = await goInstall(
      `the Temporal Web UI server ${TEMPORAL_UI_VERSION}`,
      [`github.com/temporalio/ui-server/v2/cmd/server@${TEMPORAL_UI_VERSION}`],
      gobin,
      log,
    );
    if (ok && existsSync(join(gobin, 'server'))) renameSync(join(gobin, 'server'), ui);
    else log('The Web UI could not be built: the cluster runs without it (inspect runs with the Temporal CLI).');
  }
  return { server, sqlTool, ui: isExecutable(ui) ? ui : undefined, moduleDir: serverModuleDir() };
}

// `node scripts/infra/temporal-cluster-build.mjs` builds (or finds) the binaries and prints them.
if (import.meta.url === `file://${process.argv[1]}`) {
  ensureTemporalClusterBinaries().then(
    (b) => console.log(JSON.stringify(b)),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
