/**
 * Zoho call budgets shared by every process on one database: Zoho counts calls per user across
 * everything we run, so the server and all workers draw from ONE sliding window per connection
 * (store/zoho-call-ledger.ts). Two lanes: background sync may fill the window only up to
 * `limit - reserve`; interactive calls (issue panel, admin page: the server's lane) may use the
 * reserve too, so a user's click is never queued behind a backfill. Zoho's RateLimit-Remaining
 * spacing stays per process (every process reads the same header); a throttle answer pauses the
 * connection for all processes.
 */
import { FAILURE_TYPES, retryLater } from '../integrations/http/failures';
import { createZohoBudget, realClock, type BudgetClock, type ZohoBudget } from '../integrations/zoho/budget';
import { providerThrottled, zohoBudgetLimit, zohoBudgetUsed, zohoThrottlesAvoided } from '../metrics/registry';
import type { PrismaClient } from '../store/prisma';
import { createZohoCallLedger, type BudgetLane, type ZohoCallLedger } from '../store/zoho-call-ledger';
import { DEFAULT_ZOHO_BUDGET_PER_2MIN, type ZohoBudgets } from './zoho-budgets';

export interface SharedZohoBudgetOptions {
  prisma: PrismaClient;
  /** This process's lane: the server is 'interactive', workers 'background'. */
  lane: BudgetLane;
  /** Calls per window per connection, for ALL processes together (ZOHO_BUDGET_PER_2MIN). */
  limit?: number;
  windowMs?: number;
  /** Share of the window kept for interactive calls. Default 20 %. */
  reserveShare?: number;
  /** take() sleeps up to this long; longer waits throw a retryable failure. Default 5 000 ms. */
  maxWaitMs?: number;
  clock?: BudgetClock;
}

/** Margin added to the window so a call's network delay never moves it into Zoho's next count. */
const WINDOW_GUARD_MS = 1_000;

export function createSharedZohoBudgets(opts: SharedZohoBudgetOptions): ZohoBudgets {
  const ledger = createZohoCallLedger(opts.prisma);
  const budgets = new Map<string, ZohoBudget>();
  return {
    budgetFor(connectionKey) {
      let budget = budgets.get(connectionKey);
      if (!budget) {
        budget = sharedBudget(ledger, connectionKey, opts);
        budgets.set(connectionKey, budget);
      }
      return budget;
    },
  };
}

export function laneLimit(limit: number, lane: BudgetLane, reserveShare = 0.2): number {
  if (lane === 'interactive') return limit;
  return Math.max(1, limit - Math.ceil(limit * reserveShare));
}

function sharedBudget(ledger: ZohoCallLedger, key: string, opts: SharedZohoBudgetOptions): ZohoBudget {
  const limit = opts.limit ?? DEFAULT_ZOHO_BUDGET_PER_2MIN;
  const windowMs = opts.windowMs ?? 120_000;
  const maxWait = opts.maxWaitMs ?? 5_000;
  const clock = opts.clock ?? realClock;
  const mine = laneLimit(limit, opts.lane, opts.reserveShare);
  // Local part: Zoho's header-driven spacing and pauses; no count of its own (the ledger counts).
  const local = createZohoBudget({ limit: Number.MAX_SAFE_INTEGER, windowMs, maxWaitMs: maxWait, clock });
  zohoBudgetLimit.set({ lane: opts.lane }, mine);
  let lastUsed = 0;
  let lastWait = 0;

  const refuse = (wait: number) =>
    retryLater(
      FAILURE_TYPES.budgetExhausted,
      `Zoho call budget used up (${limit} calls per ${Math.round(windowMs / 1000)} s for this connection, shared by every server and worker; ${opts.lane} calls may use ${mine}): retrying in ${Math.ceil(wait / 1000)} s to avoid a Zoho API block`,
      wait,
    );

  return {
    async take() {
      for (;;) {
        let wait = local.waitMs();
        if (wait <= 0) {
          const grant = await ledger.take(key, opts.lane, mine, windowMs + WINDOW_GUARD_MS);
          lastUsed = grant.used + (grant.granted ? 1 : 0);
          lastWait = grant.waitMs;
          zohoBudgetUsed.set({ connection: key }, lastUsed);
          if (grant.granted) {
            await local.take();
            return;
          }
          wait = grant.waitMs;
        }
        zohoThrottlesAvoided.inc();
        if (wait > maxWait) throw refuse(wait);
        await clock.sleep(wait);
      }
    },
    observe: (headers) => local.observe(headers),
    pause(ms) {
      providerThrottled.inc({ service: 'zoho' });
      local.pause(ms);
      // Best effort for the other processes: this process is paused either way, and theirs
      // learn of the throttle from their own next answer if the row cannot be written.
      ledger.pause(key, ms).catch(() => undefined);
    },
    waitMs: () => Math.max(local.waitMs(), lastUsed >= mine ? lastWait : 0),
    stats: () => ({ used: lastUsed, limit: mine, windowMs, pausedUntil: local.stats().pausedUntil }),
  };
}
