#!/usr/bin/env node
/**
 * `node scripts/prisma.mjs <prisma args>`: the Prisma 7 CLI, also where Prisma's binary host is
 * unreachable. Stock behaviour whenever a native schema engine is available (a binary downloaded
 * by @prisma/engines, one in Prisma's cache, or PRISMA_SCHEMA_ENGINE_BINARY already set);
 * otherwise PRISMA_SCHEMA_ENGINE_BINARY points at the Wasm bridge in scripts/prisma-engine/.
 * ZJC_PRISMA_ENGINE=native|bridge forces a choice. See prisma/README.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const BRIDGE_PATH = join(here, 'prisma-engine', 'schema-engine.mjs');

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A schema-engine binary that @prisma/engines downloaded at install time. */
function installedNativeEngine() {
  const dir = dirname(dirname(require.resolve('@prisma/engines')));
  const name = readdirSync(dir).find((f) => /^schema-engine-/.test(f) && !/\.(gz|sha256|sig)$/.test(f));
  return name ? join(dir, name) : undefined;
}

/** A schema-engine binary of this Prisma version in Prisma's download cache. */
function cachedNativeEngine() {
  const hash = require('@prisma/engines-version').enginesVersion;
  const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'prisma', 'master', hash);
  if (!existsSync(cacheRoot)) return undefined;
  for (const target of readdirSync(cacheRoot)) {
    const candidate = join(cacheRoot, target, 'schema-engine');
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ mode: 'native' | 'bridge', env: NodeJS.ProcessEnv, reason: string }}
 */
export function chooseSchemaEngine(env = process.env) {
  const forced = env.ZJC_PRISMA_ENGINE;
  if (forced === 'bridge') {
    return {
      mode: 'bridge',
      env: { ...env, PRISMA_SCHEMA_ENGINE_BINARY: BRIDGE_PATH, CHECKPOINT_DISABLE: '1' },
      reason: 'ZJC_PRISMA_ENGINE=bridge',
    };
  }
  if (env.PRISMA_SCHEMA_ENGINE_BINARY || env.PRISMA_MIGRATION_ENGINE_BINARY) {
    return { mode: 'native', env, reason: 'PRISMA_SCHEMA_ENGINE_BINARY is set' };
  }
  const installed = installedNativeEngine();
  if (installed || forced === 'native') {
    return { mode: 'native', env, reason: installed ? `native engine ${installed}` : 'ZJC_PRISMA_ENGINE=native' };
  }
  const cached = cachedNativeEngine();
  if (cached) {
    return {
      mode: 'native',
      env: { ...env, PRISMA_SCHEMA_ENGINE_BINARY: cached },
      reason: `cached native engine ${cached}`,
    };
  }
  return {
    mode: 'bridge',
    env: { ...env, PRISMA_SCHEMA_ENGINE_BINARY: BRIDGE_PATH, CHECKPOINT_DISABLE: '1' },
    reason: 'no native schema engine downloaded',
  };
}

function main() {
  const choice = chooseSchemaEngine();
  if (choice.mode === 'bridge' && !process.env.ZJC_PRISMA_QUIET) {
    process.stderr.write(`prisma: using the Wasm schema engine bridge (${choice.reason}); see prisma/README.md\n`);
  }
  const cli = require.resolve('prisma/build/index.js');
  const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env: choice.env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
