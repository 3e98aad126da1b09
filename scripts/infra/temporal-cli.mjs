/**
 * Finds (or builds) the Temporal CLI, in this order:
 *   TEMPORAL_CLI_PATH → `temporal` on PATH → cached build → `go install …@v1.5.1` into the cache
 *   → the official CLI archive download (where the internet is reachable).
 * The cache lives outside the repository ($ZJC_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache),
 * so a fresh clone on a machine that built it once starts instantly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, accessSync, constants, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, delimiter } from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export function cacheDir() {
  const root =
    process.env.ZJC_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'zoho-jira-connector');
  return join(root, `temporal-${TEMPORAL_CLI_VERSION}`);
}

function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Returns the path without building anything, or undefined. */
export function findTemporalCli() {
  if (process.env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(process.env.TEMPORAL_CLI_PATH)) {
      throw new Error(`Invalid setting TEMPORAL_CLI_PATH: ${process.env.TEMPORAL_CLI_PATH} is not an executable file`);
    }
    return process.env.TEMPORAL_CLI_PATH;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const cached = join(cacheDir(), 'temporal');
  return isExecutable(cached) ? cached : undefined;
}

function goInstall(dir, log) {
  return new Promise((resolve) => {
    log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir}.`);
    log('The first build downloads modules and compiles for a few minutes (about 5 on 2 cores); later runs reuse it.');
    const started = Date.now();
    const child = spawn('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: dir, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod`.trim() },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: tmpdir(),
    });
    let downloads = 0;
    const timer = setInterval(
      () => log(`  … still building (${Math.round((Date.now() - started) / 1000)} s, ${downloads} modules fetched)`),
      20_000,
    );
    const onData = (buf) => {
      downloads += (String(buf).match(/go: downloading/g) ?? []).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (buf) => {
      onData(buf);
      if (/error|cannot/i.test(String(buf))) process.stderr.write(buf);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      log(
        code === 0
          ? `Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s.`
          : `go install failed (exit ${code}).`,
      );
      resolve(code === 0);
    });
    child.on('error', () => {
      clearInterval(timer);
      resolve(false);
    });
  });
}

async function download(dir, log) {
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  const platform = process.platform === 'darwin' ? 'darwin' : 'linux';
  const url = `https://temporal.download/cli/archive/${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
  log(`Downloading the Temporal CLI from ${url}`);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) return false;
    const archive = join(dir, 'temporal.tar.gz');
    writeFileSync(archive, Buffer.from(await res.arrayBuffer()));
    return spawnSync('tar', ['-xzf', archive, '-C', dir, 'temporal']).status === 0;
  } catch {
    return false;
  }
}

/** Finds the CLI or provisions it; throws with what to do when nothing works. */
export async function ensureTemporalCli(log = (m) => console.error(`[temporal-cli] ${m}`)) {
  const found = findTemporalCli();
  if (found) return found;
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'temporal');
  if (onPath('go') && (await goInstall(dir, log)) && isExecutable(target)) return target;
  if ((await download(dir, log)) && isExecutable(target)) return target;
  throw new Error(
    'No Temporal CLI: set TEMPORAL_CLI_PATH, put `temporal` on PATH, install Go (the project builds the CLI with ' +
      `go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}), or allow the download.`,
  );
}

// `node scripts/infra/temporal-cli.mjs` prints the path (used by .ci/run to warm the cache).
if (import.meta.url === `file://${process.argv[1]}`) {
  ensureTemporalCli().then(
    (p) => console.log(p),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
