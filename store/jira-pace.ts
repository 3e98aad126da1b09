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
  /**
   * A new 429 sets the pace to this share of what Jira answered in the last second; the pace rises
   * no further than this share of what an unpaced fleet was refused at.
   */
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
  /** A 429; `lastSecond`: the answers this process got in the second before it (its exact count). */
  throttled(site: string, retryAfterMs: number, unreportedAnswers: number, lastSecond: number): Promise<void>;
  take(site: string, lane: BudgetLane, wanted: number): Promise<PaceGrant>;
  /** A near-limit answer: the pace stops rising for now. */
  hold(site: string): Promise<void>;
}

type StateRow = { pausedMs: number | null; paced: boolean | null; rate: number | null };

const NOW_SECOND = 'floor(EXTRACT(EPOCH FROM clock_timestamp()))';

/**
 * The site's per-second answer counts (row alias `r`) rolled to database-clock second `sec`, with
 * `add` more answers in it: the previous second's count, the current one's, and the answers within
 * the last second (the current count plus the share of the previous one still inside the window).
 */
const countsAt = (r: string, sec: string, add: string) => {
  const prev = `CASE WHEN ${sec} = ${r}."countSecond" THEN ${r}."countPrev"
                     WHEN ${sec} = ${r}."countSecond" + 1 THEN ${r}."countCur" ELSE 0 END`;
  const cur = `CASE WHEN ${sec} = ${r}."countSecond" THEN ${r}."countCur" + ${add} ELSE ${add} END`;
  return { prev, cur, window: `(${cur} + (${prev}) * (1 - (EXTRACT(EPOCH FROM clock_timestamp()) - ${sec})))` };
};

/**
 * Requests per second now: rising from "baseRate" by `rise` of it per second, but not past
 * `share` of the rate the site refused at, once that is known.
 */
const rateSql = (rise: number, share: number) => {
  const rising = `"baseRate" * (1 + ${rise} * GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - "riseFrom")))`;
  return `CASE WHEN "ceilingRate" > 0 THEN LEAST(${rising}, GREATEST("baseRate", ${share} * "ceilingRate"))
               ELSE ${rising} END`;
};

export function createJiraPaceLedger(prisma: PrismaClient, s: PaceSettings): JiraPaceLedger {
  const rate = rateSql(Number(s.risePerSecond), Number(s.decrease));
  const state = (row: StateRow | undefined): SitePaceState => ({
    pausedMs: row?.pausedMs ?? 0,
    paced: row?.paced ?? false,
    rate: row?.paced ? (row.rate ?? 0) : 0,
  });
  return {
    async heartbeat(site, answers) {
      const beat = countsAt('p', 'EXCLUDED."countSecond"', 'EXCLUDED."countCur"');
      // Answers the others got just before the site's first 429 arrive with their next beat:
      // within a second of it they may lift the measured ceiling and the starting pace with them.
      const justRefused = `p."last429At" > clock_timestamp() - interval '1 second' AND p."pacedUntil" > clock_timestamp()`;
      const rows = await prisma.$queryRawUnsafe<StateRow[]>(
        `INSERT INTO "JiraSitePace" AS p ("site", "countSecond", "countCur")
         VALUES ($1, ${NOW_SECOND}::bigint, $2::int)
         ON CONFLICT ("site") DO UPDATE SET
           "countPrev" = ${beat.prev},
           "countCur" = ${beat.cur},
           "countSecond" = GREATEST(p."countSecond", EXCLUDED."countSecond"),
           "baseRate" = CASE WHEN ${justRefused} THEN GREATEST(p."baseRate", ${s.decrease} * ${beat.window})
                             ELSE p."baseRate" END,
           "ceilingRate" = CASE WHEN ${justRefused} THEN GREATEST(p."ceilingRate", ${beat.window})
                                ELSE p."ceilingRate" END
         RETURNING (EXTRACT(EPOCH FROM (p."pausedUntil" - clock_timestamp())) * 1000)::float8 AS "pausedMs",
                   (p."pacedUntil" > clock_timestamp()) AS "paced",
                   (${rate})::float8 AS "rate"`,
        site,
        answers,
      );
      return state(rows[0]);
    },
    async throttled(site, retryAfterMs, unreported, lastSecond) {
      // What the fleet got answered in the last second: the counted seconds, weighted by how much of
      // the previous one is still inside the window, plus this process's not yet counted answers —
      // or this process's own exact count of the last second, when that is more.
      await prisma.$executeRawUnsafe(
        `INSERT INTO "JiraSitePace" ("site") VALUES ($1) ON CONFLICT ("site") DO NOTHING`,
        site,
      );
      const counts = countsAt('p', NOW_SECOND, '$3::int');
      await prisma.$executeRawUnsafe(
        `WITH cur AS (
           SELECT p."site",
             (p."pacedUntil" > clock_timestamp()) AS paced,
             (${rate})::float8 AS rate,
             (p."last429At" > clock_timestamp() - interval '1 second') AS recent,
             GREATEST(${counts.window}, $4::float8) AS seen
           FROM "JiraSitePace" p WHERE p."site" = $1 FOR UPDATE
         )
         UPDATE "JiraSitePace" p SET
           "pausedUntil" = GREATEST(COALESCE(p."pausedUntil", clock_timestamp()),
                                    clock_timestamp() + make_interval(secs => $2::float8 / 1000)),
           "pacedUntil" = clock_timestamp() + make_interval(secs => $2::float8 / 1000 + ${s.relaxMs / 1000}),
           "baseRate" = CASE WHEN cur.recent THEN GREATEST(p."baseRate", ${s.decrease} * cur.seen) ELSE GREATEST(${s.minRate},
             ${s.decrease} * CASE WHEN cur.paced THEN cur.rate ELSE cur.seen END) END,
           -- Refused while paced: the pace was too high for now, the ceiling measured unpaced stands.
           "ceilingRate" = CASE WHEN cur.recent THEN GREATEST(p."ceilingRate", cur.seen)
                                WHEN cur.paced THEN p."ceilingRate" ELSE cur.seen END,
           "riseFrom" = CASE WHEN cur.recent THEN p."riseFrom"
                             ELSE clock_timestamp() + make_interval(secs => $2::float8 / 1000) END,
           "nextSlotAt" = GREATEST(COALESCE(p."nextSlotAt", clock_timestamp()),
                                   clock_timestamp() + make_interval(secs => $2::float8 / 1000)),
           "last429At" = CASE WHEN cur.recent THEN p."last429At" ELSE clock_timestamp() END,
           "countPrev" = ${counts.prev},
           "countCur" = ${counts.cur},
           "countSecond" = ${NOW_SECOND}::bigint
         FROM cur WHERE p."site" = cur."site"`,
        site,
        retryAfterMs,
        unreported,
        lastSecond,
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
