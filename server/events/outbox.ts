/**
 * The event outbox in PostgreSQL (EventReceipt rows in state `pending`): the relay's repository, SQL
 * only. Rows are leased by `claimedAt`: a row whose lease expired (a crashed process's, or a failed
 * signal's after its backoff) is claimed by any server's sweeper with FOR UPDATE SKIP LOCKED.
 * A row read back is input like any other: its signal payload is checked against the one event
 * schema (workflows/signals.ts) before it is sent; a row that holds no valid event can never be
 * delivered, so it is set aside as `invalid` (with the reason) instead of failing every sweep.
 */
import type { PrismaClient } from '../../store/prisma';
import { jiraIssueEventSchema, type JiraIssueEvent } from '../../workflows/signals';

/** A pending outbox row. */
export interface OutboxEvent {
  receiptId: string;
  seq: number;
  event: JiraIssueEvent;
}

export interface OutboxRow {
  id: string;
  seq: bigint | number;
  signal: unknown;
}

export interface InvalidOutboxRow {
  id: string;
  reason: string;
}

export interface OutboxOptions {
  /** A claimed row another process may take after this long (default 30 s). */
  leaseMs?: number;
  /** Rows claimed per sweep (default 500). */
  sweepBatch?: number;
  /** Backoff of a failed signal: base * 2^attempts, at most max (defaults 1 s, 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export function parseOutboxRows(rows: OutboxRow[]): { events: OutboxEvent[]; invalid: InvalidOutboxRow[] } {
  const events: OutboxEvent[] = [];
  const invalid: InvalidOutboxRow[] = [];
  for (const r of rows) {
    const parsed = jiraIssueEventSchema.safeParse(r.signal);
    if (parsed.success) events.push({ receiptId: r.id, seq: Number(r.seq), event: parsed.data });
    else
      invalid.push({
        id: r.id,
        reason: `not a Jira issue event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'signal'} ${i.message}`).join('; ')}`,
      });
  }
  return { events, invalid };
}

export function createOutbox(prisma: PrismaClient, o: OutboxOptions = {}) {
  const leaseMs = o.leaseMs ?? 30_000;
  const sweepBatch = o.sweepBatch ?? 500;
  const retryBaseMs = o.retryBaseMs ?? 1_000;
  const retryMaxMs = o.retryMaxMs ?? 60_000;

  return {
    /** Claims pending rows whose lease expired (or that have none), oldest first. */
    async claimExpired(): Promise<{ claimed: number; events: OutboxEvent[]; invalid: InvalidOutboxRow[] }> {
      const rows = await prisma.$queryRaw<OutboxRow[]>`
        UPDATE "EventReceipt" r SET "claimedAt" = now()
        FROM (
          SELECT "id" FROM "EventReceipt"
          WHERE "state" = 'pending' AND ("claimedAt" IS NULL OR "claimedAt" < now() - ${leaseMs}::float8 * interval '1 millisecond')
          ORDER BY "seq" LIMIT ${sweepBatch}
          FOR UPDATE SKIP LOCKED
        ) c
        WHERE r."id" = c."id"
        RETURNING r."id", r."seq", r."signal"`;
      return { claimed: rows.length, ...parseOutboxRows(rows) };
    },

    /** A row that holds no deliverable event leaves the outbox as `invalid`. */
    async setAsideInvalid(row: InvalidOutboxRow): Promise<void> {
      await prisma.$executeRaw`
        UPDATE "EventReceipt" SET "state" = 'invalid', "lastError" = ${row.reason}, "claimedAt" = NULL WHERE "id" = ${row.id}`;
    },

    /** The rows' events reached their workflow. */
    async markSignalled(receiptIds: string[]): Promise<void> {
      await prisma.$executeRaw`
        UPDATE "EventReceipt" SET "state" = 'signalled', "signalledAt" = now(), "claimedAt" = NULL
        WHERE "id" = ANY(${receiptIds}::text[]) AND "state" = 'pending'`;
    },

    /**
     * A signal carrying these rows failed: attempts + 1, the error kept, and the lease set to expire
     * after an exponential backoff (so the sweeper sends them again). Resolves with the highest attempts.
     */
    async recordFailure(receiptIds: string[], error: string): Promise<number> {
      const rows = await prisma.$queryRaw<Array<{ attempts: number }>>`
        UPDATE "EventReceipt" SET "attempts" = "attempts" + 1, "lastError" = ${error},
          "claimedAt" = now() - ${leaseMs}::float8 * interval '1 millisecond'
                      + LEAST(${retryBaseMs}::float8 * power(2, "attempts"), ${retryMaxMs}::float8) * interval '1 millisecond'
        WHERE "id" = ANY(${receiptIds}::text[]) AND "state" = 'pending'
        RETURNING "attempts"`;
      return Math.max(0, ...rows.map((r) => r.attempts));
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
