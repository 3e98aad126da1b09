/**
 * The row behind one Jira site's shared pace (clients/shared-jira-pace.ts). Every statement runs on
 * the database clock, so processes on different hosts agree, and each is a single statement (its
 * row lock makes it atomic), so the hot paths cost one round trip:
 *  - `heartbeat`: while unpaced, a process adds the answers it got since its last beat to the
 *    site's per-second count and reads the pause / pace state (amortised: one beat per interval);
 *  - `throttled`: a 429 pauses the site for Retry-After and starts (or lowers) the shared pace;
 *  - `take`: while paced, books send slots spaced 1 / pace apart on the site's one timeline
 *    ("nextSlotAt", a generic cell rate algorithm): a booking may reach a short horizon ahead, so a
 *    process gets several slots per round trip and the fleet's throughput does not depend on how
 *    fast the database answers. Slots are 1 / (pace − 1) apart, since a one-second window holds one
 *    slot more than its length in spacings: any such window holds at most pace sends.
 *    Background work books at most `backgroundHorizonMs` ahead, interactive calls further, so a
 *    click waits behind at most that much background work.
 */
import type { PrismaClient } from './prisma';
import type { BudgetLane } from './zoho-call-ledger';

export interface SitePaceState {
  /** ms until the site's Retry-After pause ends (≤ 0: none). */
  pausedMs: number;
  /** Whether the site is paced (a 429 within the relax period). */
  paced: boolean;
  /** Requests per second now (0 when unpaced). */
  rate: number;
}

export interface PaceGrant extends SitePaceState {
  /** Slots booked (≤ wanted). */
  granted: number;
  /** ms from now until the first booked slot (≥ 0). */
  firstInMs: number;
  /** ms between consecutive booked slots (1000 / (rate − 1)). */
  spacingMs: number;
  /** When fewer than wanted: ms until this lane may book again. */
  waitMs: number;
}

export interface PaceSettings {
  /** Pacing ends this long after the last 429. */
  relaxMs: number;
  /** A new 429 sets the pace to this share of what Jira answered in the last second. */
  decrease: number;
  /** The pace rises by this share of itself per second without a 429. */
  risePerSecond: number;
  minRate: number;
  /** How far ahead background work may book slots (a click waits behind at most this much). */
  backgroundHorizonMs: number;
  /** How far ahead interactive calls may book slots. */
  interactiveHorizonMs: number;
}

export interface JiraPaceLedger {
  heartbeat(site: string, answers: number): Promise<SitePaceState>;
  throttled(site: string, retryAfterMs: number, unreportedAnswers: number): Promise<void>;
  take(site: string, lane: BudgetLane, wanted: number): Promise<PaceGrant>;
  /** A near-limit answer: the pace stops rising for now. */
  hold(site: string): Promise<void>;
}

type StateRow = { pausedMs: number | null; paced: boolean | null; rate: number | null };

const rateSql = (rise: number) =>
  `"baseRate" * (1 + ${rise} * GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - "riseFrom")))`;

export function createJiraPaceLedger(prisma: PrismaClient, s: PaceSettings): JiraPaceLedger {
  const rise = Number(s.risePerSecond);
  const rate = rateSql(rise);
  const state = (row: StateRow | undefined): SitePaceState => ({
    pausedMs: row?.pausedMs ?? 0,
    paced: row?.paced ?? false,
    rate: row?.paced ? (row.rate ?? 0) : 0,
  });
  return {
    async heartbeat(site, answers) {
      const rows = await prisma.$queryRawUnsafe<StateRow[]>(
        `INSERT INTO "JiraSitePace" AS p ("site", "countSecond", "countCur")
         VALUES ($1, floor(EXTRACT(EPOCH FROM clock_timestamp()))::bigint, $2::int)
         ON CONFLICT ("site") DO UPDATE SET
           "countPrev" = CASE WHEN EXCLUDED."countSecond" = p."countSecond" THEN p."countPrev"
                              WHEN EXCLUDED."countSecond" = p."countSecond" + 1 THEN p."countCur" ELSE 0 END,
           "countCur" = CASE WHEN EXCLUDED."countSecond" = p."countSecond" THEN p."countCur" + EXCLUDED."countCur"
                             ELSE EXCLUDED."countCur" END,
           "countSecond" = GREATEST(p."countSecond", EXCLUDED."countSecond"),
           -- Answers the others got just before the site's first 429 arrive with their next beat:
           -- within a second of it they may lift the starting pace to its share of the whole fleet's.
           "baseRate" = CASE WHEN p."last429At" > clock_timestamp() - interval '1 second'
             AND p."pacedUntil" > clock_timestamp() THEN GREATEST(p."baseRate", ${s.decrease} * (
               CASE WHEN EXCLUDED."countSecond" = p."countSecond" THEN p."countCur" + EXCLUDED."countCur"
                    ELSE EXCLUDED."countCur" END
               + CASE WHEN EXCLUDED."countSecond" = p."countSecond" THEN p."countPrev"
                      WHEN EXCLUDED."countSecond" = p."countSecond" + 1 THEN p."countCur" ELSE 0 END
                 * (1 - (EXTRACT(EPOCH FROM clock_timestamp()) - EXCLUDED."countSecond"))))
             ELSE p."baseRate" END
         RETURNING (EXTRACT(EPOCH FROM (p."pausedUntil" - clock_timestamp())) * 1000)::float8 AS "pausedMs",
                   (p."pacedUntil" > clock_timestamp()) AS "paced",
                   (${rate})::float8 AS "rate"`,
        site,
        answers,
      );
      return state(rows[0]);
    },
    async throttled(site, retryAfterMs, unreported) {
      // What the fleet got answered in the last second: the counted seconds, weighted by how much of
      // the previous one is still inside the window, plus this process's not yet counted answers.
      await prisma.$executeRawUnsafe(
        `INSERT INTO "JiraSitePace" ("site") VALUES ($1) ON CONFLICT ("site") DO NOTHING`,
        site,
      );
      await prisma.$executeRawUnsafe(
        `WITH cur AS (
           SELECT "site",
             ("pacedUntil" > clock_timestamp()) AS paced,
             (${rate})::float8 AS rate,
             ("last429At" > clock_timestamp() - interval '1 second') AS recent,
             CASE
               WHEN "countSecond" = floor(EXTRACT(EPOCH FROM clock_timestamp())) THEN
                 "countCur" + "countPrev" * (1 - (EXTRACT(EPOCH FROM clock_timestamp()) - "countSecond"))
               WHEN "countSecond" = floor(EXTRACT(EPOCH FROM clock_timestamp())) - 1 THEN
                 "countCur" * (1 - (EXTRACT(EPOCH FROM clock_timestamp()) - "countSecond" - 1))
               ELSE 0 END + $3::float8 AS seen
           FROM "JiraSitePace" WHERE "site" = $1 FOR UPDATE
         )
         UPDATE "JiraSitePace" p SET
           "pausedUntil" = GREATEST(COALESCE(p."pausedUntil", clock_timestamp()),
                                    clock_timestamp() + make_interval(secs => $2::float8 / 1000)),
           "pacedUntil" = clock_timestamp() + make_interval(secs => $2::float8 / 1000 + ${s.relaxMs / 1000}),
           "baseRate" = CASE WHEN cur.recent THEN GREATEST(p."baseRate", ${s.decrease} * cur.seen) ELSE GREATEST(${s.minRate},
             ${s.decrease} * CASE WHEN cur.paced THEN cur.rate ELSE cur.seen END) END,
           "riseFrom" = CASE WHEN cur.recent THEN p."riseFrom"
                             ELSE clock_timestamp() + make_interval(secs => $2::float8 / 1000) END,
           "nextSlotAt" = GREATEST(COALESCE(p."nextSlotAt", clock_timestamp()),
                                   clock_timestamp() + make_interval(secs => $2::float8 / 1000)),
           "last429At" = CASE WHEN cur.recent THEN p."last429At" ELSE clock_timestamp() END,
           "countPrev" = CASE WHEN p."countSecond" = floor(EXTRACT(EPOCH FROM clock_timestamp())) THEN p."countPrev"
                              WHEN p."countSecond" = floor(EXTRACT(EPOCH FROM clock_timestamp())) - 1 THEN p."countCur"
                              ELSE 0 END,
           "countCur" = CASE WHEN p."countSecond" = floor(EXTRACT(EPOCH FROM clock_timestamp())) THEN p."countCur" + $3::int
                             ELSE $3::int END,
           "countSecond" = floor(EXTRACT(EPOCH FROM clock_timestamp()))::bigint
         FROM cur WHERE p."site" = cur."site"`,
        site,
        retryAfterMs,
        unreported,
      );
    },
    async take(site, lane, wanted) {
      const horizonMs = lane === 'interactive' ? s.interactiveHorizonMs : s.backgroundHorizonMs;
      const rows = await prisma.$queryRawUnsafe<
        Array<StateRow & { granted: number; firstInMs: number; nextInMs: number; slotRate: number }>
      >(
        `WITH cur AS (
           SELECT "site",
             (EXTRACT(EPOCH FROM ("pausedUntil" - clock_timestamp())) * 1000)::float8 AS "pausedMs",
             COALESCE("pacedUntil" > clock_timestamp(), false) AS paced,
             (${rate})::float8 AS rate,
             GREATEST((${rate}) - 1, (${rate}) / 2)::float8 AS "slotRate",
             GREATEST(0, EXTRACT(EPOCH FROM (COALESCE("nextSlotAt", clock_timestamp()) - clock_timestamp())) * 1000)::float8
               AS "firstInMs"
           FROM "JiraSitePace" WHERE "site" = $1 FOR UPDATE
         ), g AS (
           SELECT *, CASE WHEN COALESCE("pausedMs", 0) > 0 OR NOT paced OR rate <= 0 OR "firstInMs" > $3::float8 THEN 0
                          ELSE LEAST($2::int, floor(($3::float8 - "firstInMs") * "slotRate" / 1000) + 1)::int END AS granted
           FROM cur
         )
         UPDATE "JiraSitePace" p SET
           "nextSlotAt" = CASE WHEN g.granted > 0
             THEN clock_timestamp() + make_interval(secs => (g."firstInMs" / 1000) + g.granted / g."slotRate")
             ELSE p."nextSlotAt" END
         FROM g WHERE p."site" = g."site"
         RETURNING g."pausedMs", g.paced, g.rate, g.granted, g."firstInMs",
                   (g."firstInMs" + CASE WHEN g.rate > 0 THEN g.granted * 1000 / g."slotRate" ELSE 0 END)::float8 AS "nextInMs",
                   g."slotRate"`,
        site,
        wanted,
        horizonMs,
      );
      const row = rows[0];
      const st = state(row);
      const granted = row?.granted ?? 0;
      const spacingMs = st.rate > 0 && row?.slotRate ? 1000 / row.slotRate : 0;
      const waitMs = granted >= wanted || !st.paced ? 0 : Math.max(1, (row?.nextInMs ?? 0) - horizonMs);
      return { ...st, granted, firstInMs: row?.firstInMs ?? 0, spacingMs, waitMs };
    },
    async hold(site) {
      await prisma.$executeRawUnsafe(
        `UPDATE "JiraSitePace" SET "baseRate" = ${rate}, "riseFrom" = clock_timestamp()
         WHERE "site" = $1 AND "pacedUntil" > clock_timestamp() AND "riseFrom" < clock_timestamp()`,
        site,
      );
    },
  };
}
