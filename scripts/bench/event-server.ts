/**
 * The real server as its own process for the event benchmarks: production wiring (server/production.ts,
 * as server/main.ts uses: zod config, Prisma, Temporal client, buildApp with FITs verified against the JWKS URL in
 * FORGE_JWKS_URL), plus the one bench-only setting, the task queue the bench's worker polls
 * (BENCH_TASK_QUEUE). Prints `listening <url>` once it accepts requests; stops on SIGTERM.
 */
import { loadServerConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { buildProductionApp } from '../../server/production';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const app = await buildProductionApp(config, createLogger(config.logLevel), {
    taskQueue: process.env.BENCH_TASK_QUEUE,
  });
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`listening ${url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
