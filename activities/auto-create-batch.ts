/**
 * Auto-create for a batch of new Zoho records in one activity: the fast path of a large intake.
 *
 * A child workflow per record costs the Temporal server and the worker ~27 ms of CPU before any of
 * our own work (measured on the 2-core bench box), which alone caps a 2 000-record intake near 60
 * creates/s. The batch keeps every per-record guarantee of that child:
 *  - a record is created only by the call that freshly claims its intent row (one atomic
 *    INSERT … ON CONFLICT), and the create carries the issue property, as in the child;
 *  - a record whose intent an earlier attempt claimed (a retry after a crash or a lost response)
 *    is never searched or created here: it is handed over `unsettled` to its own child workflow
 *    `create:<sci>:<record>` (the deterministic id keeps that settlement single);
 *  - a record that fails here for any reason is handed over too; Jira's 429 is waited out in place
 *    (Retry-After; Jira created nothing, see definitelyNotCreated), a few times, before handing over.
 * The activity heartbeats every few seconds while it runs (a slow Jira call is bounded by the HTTP
 * timeout, not by the heartbeat), so a dead worker is noticed in seconds; the batch's retry finds
 * the finished records by their links and hands over the rest.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SmartConnectedItem, ZohoRecord } from '../workflows/core/model';
import { isHttpFailure } from '../integrations/http/failures';
import { loadSmartConnectedItem } from '../store/items';
import { autoCreateRecord, type AutoCreateRecordResult } from './auto-create';
import { type Ctx, errorText, heartbeat } from './context';
import { writeLinkNote, type NoteOutcome } from './link-note';

export interface AutoCreateBatchInput {
  sciId: string;
  records: ZohoRecord[];
  /** The SCI as the cycle read it; read here when absent. */
  sci?: SmartConnectedItem;
  /** Write each new link's Zoho note now (false: a later cycle writes deferred notes). */
  writeNotes: boolean;
}

export interface AutoCreateBatchRecordResult extends Omit<AutoCreateRecordResult, 'zohoCalls' | 'jiraCalls'> {
  zohoRecordId: string;
  note?: NoteOutcome;
}

export interface AutoCreateBatchResult {
  /** Records settled here: created, found (an earlier attempt finished) or skipped (by plan or rule). */
  settled: AutoCreateBatchRecordResult[];
  /** Records for their own child workflow, with why. */
  handOver: Array<{ zohoRecordId: string; reason: string }>;
  zohoCalls: number;
  jiraCalls: number;
}

/** Records created at once within one batch (Jira calls in flight per batch). */
const RECORD_CONCURRENCY = 8;
/** 429 answers waited out in place per record before the record goes to its child workflow. */
const RATE_LIMIT_WAITS = 3;
const MAX_WAIT_MS = 10_000;
/** Well inside the createBatch preset's heartbeat timeout (temporal.config.ts). */
const HEARTBEAT_EVERY_MS = 5_000;

export async function autoCreateBatch(ctx: Ctx, input: AutoCreateBatchInput): Promise<AutoCreateBatchResult> {
  const out: AutoCreateBatchResult = { settled: [], handOver: [], zohoCalls: 0, jiraCalls: 0 };
  const sci = input.sci ?? (await loadSmartConnectedItem(ctx.prisma, input.sciId));
  if (!sci) {
    for (const r of input.records)
      out.settled.push({ zohoRecordId: r.id, status: 'skipped', reason: 'The Smart Connected Item was deleted.' });
    return out;
  }

  const one = async (record: ZohoRecord): Promise<void> => {
    for (let waits = 0; ; waits += 1) {
      try {
        const made = await autoCreateRecord(ctx, { sciId: sci.id, record, sci, freshOnly: true });
        out.zohoCalls += made.zohoCalls;
        out.jiraCalls += made.jiraCalls;
        const { zohoCalls: _z, jiraCalls: _j, ...rest } = made;
        if (made.status === 'unsettled') {
          out.handOver.push({ zohoRecordId: record.id, reason: made.reason ?? 'unsettled' });
          return;
        }
        const settled: AutoCreateBatchRecordResult = { ...rest, zohoRecordId: record.id };
        if (made.linkId) settled.note = input.writeNotes ? await noteFor(ctx, made.linkId, out) : 'deferred';
        out.settled.push(settled);
        return;
      } catch (err) {
        const wait = isHttpFailure(err) && err.kind === 'rate_limited' ? (err.waitMs ?? 1_000) : undefined;
        if (wait !== undefined && waits < RATE_LIMIT_WAITS && wait <= MAX_WAIT_MS) {
          await sleep(wait);
          continue;
        }
        out.handOver.push({ zohoRecordId: record.id, reason: errorText(err) });
        return;
      }
    }
  };

  let next = 0;
  const lane = async () => {
    while (next < input.records.length) {
      const record = input.records[next];
      next += 1;
      await one(record);
    }
  };
  const progress = () => heartbeat({ settled: out.settled.length, handOver: out.handOver.length });
  const beat = setInterval(progress, HEARTBEAT_EVERY_MS);
  try {
    await Promise.all(Array.from({ length: Math.min(RECORD_CONCURRENCY, input.records.length) }, lane));
  } finally {
    clearInterval(beat);
  }
  progress();
  return out;
}

/** The link note for a new link; a failure leaves it to the deferred-notes pass of a later cycle. */
async function noteFor(
  ctx: Ctx,
  linkId: string,
  out: AutoCreateBatchResult,
): Promise<AutoCreateBatchRecordResult['note']> {
  try {
    const n = await writeLinkNote(ctx, { linkId });
    out.zohoCalls += n.zohoCalls;
    return n.outcome;
  } catch {
    return 'failed';
  }
}
