/**
 * One Jira pace per site, shared by every server and worker process through PostgreSQL
 * (store/jira-pace.ts). Jira's burst limit counts a site's requests whoever sends them, and a
 * request reissued before a 429's Retry-After expires only earns another 429 (Atlassian, "Rate
 * limiting"), so:
 *  - a 429 pauses the site for its Retry-After in every process (this one at once, the others at
 *    their next heartbeat or slot booking);
 *  - from then on, until RELAX_MS pass without a 429, the processes book send slots on one
 *    timeline (store/jira-pace.ts) whose pace starts at 90 % of what Jira answered the whole fleet
 *    in the last second and rises 1 % per second, up to 90 % of what the unpaced fleet was refused
 *    at (the ceiling Jira showed; measured again once the pace relaxes); interactive calls (the
 *    server's lane: issue panel, admin page) may book further ahead than background work, so a
 *    click waits behind at most 250 ms of sync traffic;
 *  - unpaced (the usual state), a request costs no round trip: a process reports its answer count
 *    and reads the site's state once per heartbeat (HEARTBEAT_MS) while it is sending.
 * The database being unreachable never stops Jira calls: the process falls back to its own pause.
 */
import { createAnswerWindow } from '../integrations/jira/answer-window';
import type { SitePacer } from '../integrations/jira/pacer';
import { createJiraPaceLedger, type JiraPaceLedger, type PaceSettings, type SitePaceState } from '../store/jira-pace';
import type { PrismaClient } from '../store/prisma';
import type { BudgetLane } from '../store/zoho-call-ledger';

export interface JiraPacers {
  /** The pacer of one Jira site (by API base URL), the same object for the life of the source. */
  pacerFor(site: string): SitePacer;
}

export interface SharedJiraPaceOptions {
  prisma: PrismaClient;
  /** This process's lane: the server is 'interactive', workers 'background'. */
  lane: BudgetLane;
  /** How often an unpaced process reads the site's state while sending. Default 100 ms. */
  heartbeatMs?: number;
  settings?: Partial<PaceSettings>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const RELAX_MS = 30_000;
export const DEFAULT_PACE_SETTINGS: PaceSettings = {
  relaxMs: RELAX_MS,
  decrease: 0.9,
  risePerSecond: 0.01,
  minRate: 5,
  backgroundHorizonMs: 250,
  interactiveHorizonMs: 500,
};
const MAX_BATCH = 16;

export function createSharedJiraPacers(opts: SharedJiraPaceOptions): JiraPacers {
  const ledger = createJiraPaceLedger(opts.prisma, { ...DEFAULT_PACE_SETTINGS, ...opts.settings });
  const pacers = new Map<string, SitePacer>();
  return {
    pacerFor(site) {
      let p = pacers.get(site);
      if (!p) {
        p = sharedSitePacer(ledger, site, opts);
        pacers.set(site, p);
      }
      return p;
    },
  };
}

function sharedSitePacer(ledger: JiraPaceLedger, site: string, opts: SharedJiraPaceOptions): SitePacer {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const beatMs = opts.heartbeatMs ?? 100;
  let known: SitePaceState = { pausedMs: 0, paced: false, rate: 0 };
  let knownAt = -Infinity;
  let pausedUntil = 0;
  let unreported = 0;
  /** This process's answers of the last second: its exact share of what Jira took. */
  const answers = createAnswerWindow();
  let beat: Promise<void> | undefined;
  const queue: Array<() => void> = [];
  let pumping = false;

  const learn = (st: SitePaceState) => {
    known = st;
    knownAt = now();
    if (st.pausedMs > 0) pausedUntil = Math.max(pausedUntil, knownAt + st.pausedMs);
  };

  const heartbeat = () => {
    beat ??= (async () => {
      const n = unreported;
      unreported = 0;
      try {
        learn(await ledger.heartbeat(site, n));
      } catch {
        knownAt = now(); // database away: keep this process's own view until the next beat
      } finally {
        beat = undefined;
      }
    })();
    return beat;
  };

  /** One slot booking at a time per site in this process, for everyone queued (coalesced). */
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const wait = pausedUntil - now();
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        let grant;
        try {
          grant = await ledger.take(site, opts.lane, Math.min(queue.length, MAX_BATCH));
        } catch {
          queue.splice(0).forEach((go) => go()); // database away: do not hold Jira calls hostage
          break;
        }
        learn(grant);
        if (!grant.paced) {
          queue.splice(0).forEach((go) => go());
          break;
        }
        // Each booked slot is this process's to send at; later ones in the queue book again.
        // A 429 meanwhile voids the later slots: their requests wait out the pause and book again.
        queue.splice(0, grant.granted).forEach((go, i) => {
          const at = grant.firstInMs + i * grant.spacingMs;
          if (at <= 0) go();
          else setTimeout(() => sendOrRequeue(go), at);
        });
        if (queue.length > 0 && grant.pausedMs <= 0) await sleep(grant.waitMs);
      }
    } finally {
      pumping = false;
    }
  };

  const sendOrRequeue = (go: () => void) => {
    if (pausedUntil <= now()) return go();
    queue.unshift(go);
    void pump();
  };

  return {
    get pace() {
      return known.paced ? known.rate : Infinity;
    },
    async acquire() {
      for (;;) {
        const wait = pausedUntil - now();
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        if (known.paced) break;
        if (now() - knownAt >= beatMs) await heartbeat();
        if (pausedUntil > now()) continue;
        if (!known.paced) return;
      }
      await new Promise<void>((go) => {
        queue.push(go);
        void pump();
      });
    },
    answered(status, nearLimit, retryAfterMs) {
      if (status !== 429) {
        answers.add(now());
        // Counted only while unpaced: a paced site's pace is the bucket's rate.
        if (!known.paced) unreported += 1;
        else if (nearLimit) ledger.hold(site).catch(() => undefined);
        return;
      }
      const ms = Math.max(1, retryAfterMs ?? 1_000);
      pausedUntil = Math.max(pausedUntil, now() + ms);
      known = { ...known, paced: true };
      const n = unreported;
      unreported = 0;
      // Best effort for the others: this process is paused either way.
      ledger.throttled(site, ms, n, answers.count(now())).catch(() => undefined);
    },
  };
}
