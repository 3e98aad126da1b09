/**
 * Where a burst's time went (scripts/bench/events.ts): spreads of times, and with
 * BENCH_BURST_TRACE=1 the slowest issues — when their events were signalled and applied, and the
 * two slowest workflow histories with each event's offset (a long gap before WorkflowTaskStarted is
 * time the first task waited to be polled).
 */
import type { Harness } from '../../tests/e2e/support/harness';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { quantile, type Pair } from './event-deliveries';

/** min/p10/p50/p90/max of `xs`, 2 decimals. */
export const spread = (xs: number[]): string =>
  [0, 0.1, 0.5, 0.9, 1].map((q) => (xs.length ? quantile(xs, q).toFixed(2) : '-')).join('/');

/** A history event's protobuf time (seconds may be a Long) in ms. */
const atMs = (ts: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(ts?.seconds ?? 0) * 1000 + (ts?.nanos ?? 0) / 1e6;

/** Prints the slowest issues of the burst (times in s from `t0`, the first delivery). */
export async function traceSlowestIssues(
  h: Harness,
  pairs: Pair[],
  t0: number,
  zohoDoneAt: Map<string, number>,
): Promise<void> {
  const sig = await h.prisma.$queryRaw<Array<{ issue: string; at: Date }>>`
    SELECT "jiraIssueId" AS issue, max("signalledAt") AS at FROM "EventReceipt"
    WHERE "installationId" = ${h.installationId} GROUP BY 1`;
  const sigAt = new Map(sig.map((r) => [r.issue, r.at.getTime() - performance.timeOrigin]));
  const lags = pairs
    .map((p) => ({
      pair: p,
      sig: (sigAt.get(p.issueId)! - t0) / 1000,
      done: (zohoDoneAt.get(p.recordId)! - t0) / 1000,
    }))
    .sort((a, b) => b.done - a.done);
  const slowest = lags.slice(0, 12).map((l) => `${l.pair.issueKey} sig ${l.sig.toFixed(2)} done ${l.done.toFixed(2)}`);
  console.log('[burst trace] slowest', slowest.join('; '));
  for (const { pair } of lags.slice(0, 2)) {
    const hist = await h.client.workflow
      .getHandle(issueEventsWorkflowIdFor(h.installationId, pair.issueId))
      .fetchHistory();
    const events = hist.events ?? [];
    const first = atMs(events[0]?.eventTime);
    const offsets = events.map((e) => `${e.eventType}@${(atMs(e.eventTime) - first).toFixed(0)}`);
    console.log(`[burst trace] ${pair.issueKey} history`, offsets.join(' '));
  }
  console.log('[burst trace] signal→applied lag min/p10/p50/p90/max', spread(lags.map((l) => l.done - l.sig)));
}
