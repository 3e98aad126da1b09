/**
 * The real server as its own process for the event benchmarks: production wiring (server/main.ts's
 * pieces: zod config, Prisma, Temporal client, buildApp with FITs verified against the JWKS URL in
 * FORGE_JWKS_URL), plus the one bench-only setting, the task queue the bench's worker polls
 * (BENCH_TASK_QUEUE). Prints `listening <url>` once it accepts requests; stops on SIGTERM.
 */
import { createPrisma } from '../../activities/store/prisma';
import { createSecretBox } from '../../activities/store/secrets';
import { buildApp } from '../../server/app';
import { loadServerConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createDefaultClientFactories } from '../../server/services/default-clients';
import { connectTemporalClient } from '../../server/temporal-client';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const prisma = createPrisma(config.databaseUrl);
  const secrets = createSecretBox(process.env);
  const temporal = await connectTemporalClient(config.temporal);
  const clients = createDefaultClientFactories({
    prisma, secrets,
    overrides: { ZOHO_ACCOUNTS_URL: config.zoho.accountsUrl, ZOHO_API_URL: config.zoho.apiUrl, ZOHO_WEB_URL: config.zoho.webUrl },
  });
  const app = await buildApp({
    config, prisma, secrets, logger: createLogger(config.logLevel), temporal: temporal.client,
    zohoFactory: clients.zohoFactory, jiraFactory: clients.jiraFactory, taskQueue: process.env.BENCH_TASK_QUEUE,
  });
  process.once('SIGTERM', () => {
    void app.close()
      .then(() => Promise.allSettled([temporal.close(), prisma.$disconnect(), clients.close()]))
      .finally(() => process.exit(0));
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`listening ${url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
