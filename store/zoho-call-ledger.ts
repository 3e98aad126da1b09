/**
 * The ledger behind the shared Zoho call budget: every call of every process is a ZohoCall row, and
 * a call is granted only while the connection's sliding window holds fewer than the lane's limit.
 * One transaction per grant under a per-connection advisory lock, so concurrent processes never
 * both take the last slot; times come from the database clock, so hosts need not agree.
 */
import type { PrismaClient } from './prisma';

export type BudgetLane = 'interactive' | 'background';

export interface LedgerGrant {
  granted: boolean;
  /** When not granted: ms until a slot frees (or the pause ends). */
  waitMs: number;
  /** Calls in the window before this one. */
  used: number;
}

export interface ZohoCallLedger {
  take(connectionKey: string, lane: BudgetLane, limit: number, windowMs: number): Promise<LedgerGrant>;
  /** Stops every process's calls on the connection for `ms` (never shortens a longer pause). */
  pause(connectionKey: string, ms: number): Promise<void>;
  /** Calls in the current window, by lane (health and metrics). */
  usage(connectionKey: string, windowMs: number): Promise<{ interactive: number; background: number }>;
}

const lockKey = (connectionKey: string) => `zjc-zoho-budget:${connectionKey}`;

export function createZohoCallLedger(prisma: PrismaClient): ZohoCallLedger {
  return {
    take(connectionKey, lane, limit, windowMs) {
      return prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(connectionKey)}, 0))`;
        await tx.$executeRaw`
          DELETE FROM "ZohoCall"
          WHERE "connectionKey" = ${connectionKey}
            AND "at" <= clock_timestamp() - make_interval(secs => ${windowMs / 1000}::float8)`;
        const [state] = await tx.$queryRaw<{ used: number; pausedMs: number | null }[]>`
          SELECT
            (SELECT count(*)::int FROM "ZohoCall" WHERE "connectionKey" = ${connectionKey}) AS "used",
            (SELECT (EXTRACT(EPOCH FROM ("pausedUntil" - clock_timestamp())) * 1000)::float8
               FROM "ZohoBudgetPause" WHERE "connectionKey" = ${connectionKey}) AS "pausedMs"`;
        const used = state?.used ?? 0;
        const pausedMs = state?.pausedMs ?? 0;
        if (pausedMs > 0) return { granted: false, waitMs: Math.ceil(pausedMs), used };
        if (used < limit) {
          await tx.$executeRaw`
            INSERT INTO "ZohoCall" ("connectionKey", "at", "lane") VALUES (${connectionKey}, clock_timestamp(), ${lane})`;
          return { granted: true, waitMs: 0, used };
        }
        // Full: the slot frees when the call that puts the window over the limit ages out.
        const [next] = await tx.$queryRaw<{ waitMs: number }[]>`
          SELECT (EXTRACT(EPOCH FROM ("at" + make_interval(secs => ${windowMs / 1000}::float8) - clock_timestamp())) * 1000)::float8 AS "waitMs"
          FROM "ZohoCall" WHERE "connectionKey" = ${connectionKey}
          ORDER BY "at" ASC OFFSET ${used - limit} LIMIT 1`;
        return { granted: false, waitMs: Math.max(1, Math.ceil(next?.waitMs ?? windowMs)), used };
      });
    },
    async pause(connectionKey, ms) {
      await prisma.$executeRaw`
        INSERT INTO "ZohoBudgetPause" ("connectionKey", "pausedUntil")
        VALUES (${connectionKey}, clock_timestamp() + make_interval(secs => ${ms / 1000}::float8))
        ON CONFLICT ("connectionKey") DO UPDATE
          SET "pausedUntil" = GREATEST("ZohoBudgetPause"."pausedUntil", EXCLUDED."pausedUntil")`;
    },
    async usage(connectionKey, windowMs) {
      const rows = await prisma.$queryRaw<{ lane: string; n: number }[]>`
        SELECT "lane", count(*)::int AS "n" FROM "ZohoCall"
        WHERE "connectionKey" = ${connectionKey}
          AND "at" > clock_timestamp() - make_interval(secs => ${windowMs / 1000}::float8)
        GROUP BY "lane"`;
      const of = (lane: BudgetLane) => rows.find((r) => r.lane === lane)?.n ?? 0;
      return { interactive: of('interactive'), background: of('background') };
    },
  };
}
