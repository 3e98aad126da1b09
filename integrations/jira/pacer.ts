/**
 * Adaptive pacing of the requests one process sends to one Jira site. Jira Cloud does not announce
 * its burst ceiling; it answers 429 (RateLimit-Reason jira-burst-based, Retry-After) once a site is
 * pushed past it, and every 429 costs its request a whole Retry-After wait. So the pacer learns:
 *  - unpaced until Jira first pushes back;
 *  - on a 429, the pace drops to 90 % of what Jira actually answered in the last second (once per
 *    second: the requests already in flight when Jira pushes back are answered 429 together);
 *  - while answers succeed, the pace rises by 10 % per half second, and pacing ends after
 *    RELAX_MS without a 429;
 *  - `X-RateLimit-NearLimit: true` (quota nearly spent) holds the pace where it is.
 * The 429'd request itself still waits its Retry-After (the caller's retry does that).
 */
import { ANSWER_WINDOW_MS, createAnswerWindow } from './answer-window';

export interface SitePacer {
  /** Resolves when the next request may start. */
  acquire(): Promise<void>;
  /** Records Jira's answer to a request (a 429's Retry-After in ms when it sent one). */
  answered(status: number, nearLimit: boolean, retryAfterMs?: number): void;
  /** Requests per second allowed now (Infinity: unpaced). */
  readonly pace: number;
}

const MIN_PACE = 10;
const DECREASE = 0.9;
const INCREASE = 1.1;
const INCREASE_EVERY_MS = 500;
/** Pacing ends after this long without a 429. */
export const RELAX_MS = 30_000;

export function createSitePacer(
  now: () => number = Date.now,
  wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
): SitePacer {
  let pace = Infinity;
  let nextSlot = 0;
  let lastChange = 0;
  let last429 = -Infinity;
  const answers = createAnswerWindow();

  return {
    get pace() {
      return pace;
    },
    async acquire() {
      if (pace === Infinity) return;
      const t = now();
      const slot = Math.max(t, nextSlot);
      nextSlot = slot + 1000 / pace;
      if (slot > t) await wait(slot - t);
    },
    answered(status, nearLimit) {
      const t = now();
      if (status === 429) {
        // One push-back is often several 429s (the requests already in flight): slow down once per second.
        if (t - last429 < ANSWER_WINDOW_MS) return;
        const seen = answers.count(t);
        const base = pace === Infinity ? seen : Math.min(pace, Math.max(seen, MIN_PACE));
        pace = Math.max(MIN_PACE, base * DECREASE);
        last429 = t;
        lastChange = t;
        return;
      }
      answers.add(t);
      if (pace === Infinity || nearLimit) return;
      if (t - last429 >= RELAX_MS) {
        pace = Infinity;
        return;
      }
      if (t - lastChange >= INCREASE_EVERY_MS) {
        pace *= INCREASE;
        lastChange = t;
      }
    },
  };
}

const pacers = new Map<string, SitePacer>();

/**
 * The process-wide pacer of one Jira site (by API base URL): for tools and tests without a
 * database; the server and workers share one pace per site (clients/shared-jira-pace.ts).
 */
export function pacerForSite(baseUrl: string): SitePacer {
  let p = pacers.get(baseUrl);
  if (!p) {
    p = createSitePacer();
    pacers.set(baseUrl, p);
  }
  return p;
}
