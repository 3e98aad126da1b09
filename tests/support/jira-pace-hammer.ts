/**
 * One "process" of the shared Jira pace test (tests/activities/shared-jira-pace.test.ts): its own
 * Prisma client and Jira client for one simulated site, sending GET /myself from CONCURRENCY loops
 * until the deadline and waiting out a 429 as Temporal's retry would (nextRetryDelay). Prints one
 * JSON line. Env: DATABASE_URL, JIRA_BASE_URL, LANE, START_AT, DURATION_MS, CONCURRENCY,
 * SCOPE ('shared' | 'process').
 */
import { ApplicationFailure } from '@temporalio/common';
import { createSharedJiraPacers } from '../../clients/shared-jira-pace';
import { createSitePacer } from '../../integrations/jira/pacer';
import { createJiraTransport } from '../../integrations/jira/transport';
import { createPrisma } from '../../store/prisma';
import type { BudgetLane } from '../../store/zoho-call-ledger';

const env = process.env;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const prisma = createPrisma(env.DATABASE_URL!);
  const lane = env.LANE as BudgetLane;
  const base = env.JIRA_BASE_URL!;
  const pacer = env.SCOPE === 'process' ? createSitePacer() : createSharedJiraPacers({ prisma, lane }).pacerFor(base);
  const jira = createJiraTransport({ baseUrl: base, token: async () => 'sim-system-token', pacer });
  await prisma.$queryRawUnsafe('SELECT 1'); // connected before the start, like a running process
  await sleep(Math.max(0, Number(env.START_AT) - Date.now()));
  const deadline = Date.now() + Number(env.DURATION_MS);
  const ok: number[] = [];
  let throttled = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: Number(env.CONCURRENCY ?? 4) }, async () => {
      while (Date.now() < deadline) {
        try {
          await jira.json({ method: 'GET', path: '/rest/api/3/myself' });
          ok.push(Date.now());
        } catch (err) {
          if (err instanceof ApplicationFailure && err.type === 'RateLimited') {
            throttled += 1;
            await sleep(Math.min(Number(err.nextRetryDelay ?? 1000), Math.max(1, deadline - Date.now())));
          } else {
            errors.push(err instanceof Error ? err.message : String(err));
            await sleep(100);
          }
        }
      }
    }),
  );
  await jira.http.close();
  await prisma.$disconnect();
  process.stdout.write(JSON.stringify({ lane, ok, throttled, errors }) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
