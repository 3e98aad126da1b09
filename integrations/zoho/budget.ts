/**
 * A per-connection Zoho call budget. Zoho blocks a user for 10–30 minutes after about 100–200 calls
 * in 2 minutes, and a block stops the whole integration, so we stay well below: a sliding window
 * (default 80 calls per 120 s for the whole connection), slowed further when Zoho's
 * RateLimit-Remaining header runs low, and paused entirely after a 429/throttle.
 * `take()` waits when the wait is short, otherwise throws a retryable failure carrying the wait,
 * so the activity is retried later by Temporal instead of sleeping.
 * Scope: this object alone is one process; clients/shared-zoho-budgets.ts shares the window across processes.
 */
import { FAILURE_TYPES, retryLater } from '../http/failures';

export interface BudgetClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: BudgetClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface ZohoBudgetOptions {
  /** Calls allowed per window for the connection. Default 80. */
  limit?: number;
  /** Default 120 000 ms. */
  windowMs?: number;
  /** take() sleeps up to this long; longer waits throw a retryable failure. Default 5 000 ms. */
  maxWaitMs?: number;
  /** When Zoho reports this few remaining calls, spread the rest over the window. Default 20. */
  lowWater?: number;
  clock?: BudgetClock;
}

export interface ZohoBudget {
  /** Reserve one call. Resolves when the call may go; throws ApplicationFailure(ZohoBudgetExhausted) with nextRetryDelay. */
  take(): Promise<void>;
  /** Feed response headers (RateLimit-Remaining, RateLimit-Window). */
  observe(headers: Record<string, string | undefined>): void;
  /** Stop all calls for `ms` (after a 429 / throttle answer). */
  pause(ms: number): void;
  /** How long the next take() would have to wait, ms (0 = now). */
  waitMs(): number;
  stats(): { used: number; limit: number; windowMs: number; pausedUntil: number };
}

export function createZohoBudget(opts: ZohoBudgetOptions = {}): ZohoBudget {
  const limit = opts.limit ?? 80;
  const windowMs = opts.windowMs ?? 120_000;
  const maxWait = opts.maxWaitMs ?? 5_000;
  const lowWater = opts.lowWater ?? 20;
  const clock = opts.clock ?? realClock;
  const stamps: number[] = [];
  let pausedUntil = 0;
  /** Minimum spacing between calls while the server says we are close to its limit. */
  let spacingMs = 0;
  let spacingUntil = 0;

  const prune = (now: number): void => {
    while (stamps.length && stamps[0] <= now - windowMs) stamps.shift();
  };

  function waitMs(): number {
    const now = clock.now();
    prune(now);
    let wait = Math.max(0, pausedUntil - now);
    if (stamps.length >= limit) wait = Math.max(wait, stamps[stamps.length - limit] + windowMs - now);
    if (spacingMs && now < spacingUntil && stamps.length) {
      wait = Math.max(wait, stamps[stamps.length - 1] + spacingMs - now);
    }
    return wait;
  }

  return {
    async take() {
      for (;;) {
        const wait = waitMs();
        if (wait <= 0) {
          stamps.push(clock.now());
          return;
        }
        if (wait > maxWait) {
          throw retryLater(
            FAILURE_TYPES.budgetExhausted,
            `Zoho call budget used up (${limit} calls per ${Math.round(windowMs / 1000)} s for this connection): retrying in ${Math.ceil(wait / 1000)} s to avoid a Zoho API block`,
            wait,
          );
        }
        await clock.sleep(wait);
      }
    },
    observe(headers) {
      const remaining = Number(headers['ratelimit-remaining'] ?? headers['RateLimit-Remaining']);
      if (!Number.isFinite(remaining)) return;
      const windowSec = Number(headers['ratelimit-window'] ?? headers['RateLimit-Window']);
      const serverWindow = Number.isFinite(windowSec) && windowSec > 0 ? windowSec * 1000 : windowMs;
      const now = clock.now();
      if (remaining <= 0) {
        pausedUntil = Math.max(pausedUntil, now + serverWindow);
      } else if (remaining <= lowWater) {
        spacingMs = Math.ceil(serverWindow / remaining);
        spacingUntil = now + serverWindow;
      } else {
        spacingMs = 0;
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
    waitMs,
    stats() {
      prune(clock.now());
      return { used: stamps.length, limit, windowMs, pausedUntil };
    },
  };
}
