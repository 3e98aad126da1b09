/**
 * One "process" of the shared-budget test (tests/activities/shared-zoho-budget.test.ts): its own
 * Prisma client and client registry, calling Zoho (the simulator) as fast as its budget allows until
 * the deadline, and waiting out a budget refusal as Temporal's retry would. Prints one JSON line.
 * Env: DATABASE_URL, SECRETS_KEY, INSTALLATION_ID, ZOHO_SIM_URL, LANE, LIMIT, WINDOW_MS, START_AT,
 * DURATION_MS, SCOPE ('shared' | 'process').
 */
import { ApplicationFailure } from '@temporalio/common';
import { createClientRegistry } from '../../clients/registry';
import { createSharedZohoBudgets } from '../../clients/shared-zoho-budgets';
import { createProcessZohoBudgets } from '../../clients/zoho-budgets';
import { createPrisma } from '../../store/prisma';
import { createSecretBox } from '../../store/secrets';
import type { BudgetLane } from '../../store/zoho-call-ledger';

const env = process.env;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const prisma = createPrisma(env.DATABASE_URL!);
  const lane = env.LANE as BudgetLane;
  const limit = Number(env.LIMIT);
  const windowMs = Number(env.WINDOW_MS);
  const zohoBudgets =
    env.SCOPE === 'process'
      ? createProcessZohoBudgets(limit, windowMs)
      : createSharedZohoBudgets({ prisma, lane, limit, windowMs, maxWaitMs: 0 });
  const url = env.ZOHO_SIM_URL!;
  const registry = createClientRegistry({
    prisma,
    secrets: createSecretBox(env),
    zohoBudgets,
    zohoOverrides: { ZOHO_ACCOUNTS_URL: url, ZOHO_API_URL: url, ZOHO_WEB_URL: 'https://projects.zoho.eu' },
  });
  const zoho = await registry.zohoFor(env.INSTALLATION_ID!);
  await sleep(Math.max(0, Number(env.START_AT) - Date.now()));
  const deadline = Date.now() + Number(env.DURATION_MS);
  const calls: number[] = [];
  const errors: string[] = [];
  while (Date.now() < deadline) {
    try {
      await zoho.listPortals();
      calls.push(Date.now());
    } catch (err) {
      const wait = err instanceof ApplicationFailure ? err.nextRetryDelay : undefined;
      if (err instanceof ApplicationFailure && err.type === 'ZohoBudgetExhausted') {
        await sleep(Math.min(Number(wait ?? 200), Math.max(1, deadline - Date.now())));
      } else {
        errors.push(err instanceof Error ? err.message : String(err));
        await sleep(100);
      }
    }
  }
  await registry.close();
  await prisma.$disconnect();
  process.stdout.write(JSON.stringify({ lane, calls, errors }) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
