/**
 * Delivery receipts (EventReceipt dedupe), the "is this issue linked?" check and the outbox row for
 * many inbound deliveries in ONE SQL statement: `INSERT ... SELECT ... ON CONFLICT DO NOTHING
 * RETURNING` with an EXISTS per row. A linked issue's event is stored `pending` with its signal
 * payload, leased to this process (`claimedAt`) so its relay sends it without another query;
 * other deliveries are stored in a terminal state (`not_linked`, `ignored`). Arrival order is the
 * row's `seq` (assigned in request order within a statement).
 * Concurrent requests share a statement: a request joins the batch being collected; a batch is
 * sent at the end of the current event-loop turn, or as soon as a flush slot frees up when
 * `maxInFlight` statements are already running (so batches grow with load, and a lone event waits
 * for nothing). Same key twice in one batch: the first one claims the delivery, the others are
 * duplicates, exactly as if they had arrived one after the other.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../store/prisma';
import type { JiraIssueEvent } from '../../workflows/signals';

export interface ReceiptRequest {
  installationId: string;
  deliveryKey: string;
  source: 'forge' | 'webhook';
  eventType: string;
  /** The Jira issue whose link is checked (null: no check, e.g. an event the connector ignores). */
  jiraIssueId: string | null;
  /** The entity signal payload: stored (state `pending`) when the issue is linked. */
  signal?: JiraIssueEvent | null;
}

/**
 * `receiptId` null: the delivery was seen before (a duplicate). `seq`: the row's arrival order
 * (0 for duplicates). `pending`: the row waits for the relay (linked, with a signal).
 */
export interface ReceiptAnswer {
  receiptId: string | null;
  linked: boolean;
  seq: number;
  pending: boolean;
}

export interface ReceiptBatcherOptions {
  /** Statements running at once before new requests wait for a slot (default 4). */
  maxInFlight?: number;
  /** Largest batch per statement (default 200). */
  maxBatch?: number;
}

interface Waiting extends ReceiptRequest {
  id: string;
  resolve(answer: ReceiptAnswer): void;
  reject(err: unknown): void;
  /** Later requests with the same key in the same batch. */
  twins: Waiting[];
}

interface Row {
  id: string;
  seq: bigint | null;
  linked: boolean;
}

async function runBatch(prisma: PrismaClient, batch: Waiting[]): Promise<Map<string, Row>> {
  const col = <K extends keyof Waiting>(k: K) => batch.map((w) => w[k]);
  const signals = batch.map((w) => (w.signal ? JSON.stringify(w.signal) : null));
  const rows = await prisma.$queryRaw<Row[]>`
    WITH input AS (
      SELECT * FROM unnest(${col('id')}::text[], ${col('installationId')}::text[], ${col('deliveryKey')}::text[],
                           ${col('source')}::text[], ${col('eventType')}::text[], ${col('jiraIssueId')}::text[], ${signals}::text[])
        WITH ORDINALITY AS t(id, installation_id, delivery_key, source, event_type, jira_issue_id, signal, ord)
    ), checked AS (
      SELECT i.*, (i.jira_issue_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM "Link" l WHERE l."installationId" = i.installation_id AND l."jiraIssueId" = i.jira_issue_id)) AS linked
      FROM input i
    ), claimed AS (
      INSERT INTO "EventReceipt" ("id", "installationId", "deliveryKey", "source", "eventType", "jiraIssueId", "signal", "state", "claimedAt")
      SELECT id, installation_id, delivery_key, source, event_type, jira_issue_id,
             CASE WHEN linked AND signal IS NOT NULL THEN signal::jsonb END,
             CASE WHEN signal IS NULL THEN 'ignored' WHEN linked THEN 'pending' ELSE 'not_linked' END,
             CASE WHEN linked AND signal IS NOT NULL THEN now() END
      FROM checked ORDER BY ord
      ON CONFLICT ("installationId", "deliveryKey") DO NOTHING
      RETURNING "id", "seq"
    )
    SELECT c.id, cl.seq, c.linked FROM checked c LEFT JOIN claimed cl ON cl."id" = c.id`;
  return new Map(rows.map((r) => [r.id, r]));
}

export function createReceiptBatcher(prisma: PrismaClient, opts: ReceiptBatcherOptions = {}) {
  const maxInFlight = opts.maxInFlight ?? 4;
  const maxBatch = opts.maxBatch ?? 200;
  let collecting = new Map<string, Waiting>();
  let scheduled = false;
  let inFlight = 0;

  const flush = () => {
    scheduled = false;
    if (collecting.size === 0) return;
    if (inFlight >= maxInFlight) return; // the next finishing statement flushes
    const all = [...collecting.values()];
    const batch = all.slice(0, maxBatch);
    collecting = new Map(all.slice(maxBatch).map((w) => [`${w.installationId}\n${w.deliveryKey}`, w]));
    inFlight += 1;
    runBatch(prisma, batch)
      .then(
        (rows) => {
          for (const w of batch) {
            const row = rows.get(w.id);
            if (!row) {
              w.reject(new Error('receipt batch returned no row for a delivery'));
              for (const t of w.twins) t.reject(new Error('receipt batch returned no row for a delivery'));
              continue;
            }
            const claimed = row.seq !== null;
            w.resolve({
              receiptId: claimed ? w.id : null,
              linked: row.linked,
              seq: claimed ? Number(row.seq) : 0,
              pending: claimed && row.linked && Boolean(w.signal),
            });
            for (const t of w.twins) t.resolve({ receiptId: null, linked: row.linked, seq: 0, pending: false });
          }
        },
        (err: unknown) => {
          for (const w of batch) {
            w.reject(err);
            for (const t of w.twins) t.reject(err);
          }
        },
      )
      .finally(() => {
        inFlight -= 1;
        if (collecting.size > 0) flush();
      });
    if (collecting.size > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return function claim(request: ReceiptRequest): Promise<ReceiptAnswer> {
    return new Promise<ReceiptAnswer>((resolve, reject) => {
      const waiting: Waiting = { ...request, id: randomUUID(), resolve, reject, twins: [] };
      const key = `${request.installationId}\n${request.deliveryKey}`;
      const first = collecting.get(key);
      if (first) first.twins.push(waiting);
      else collecting.set(key, waiting);
      schedule();
    });
  };
}
export type ReceiptBatcher = ReturnType<typeof createReceiptBatcher>;
