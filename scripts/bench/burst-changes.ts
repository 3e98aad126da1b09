/**
 * The burst scenario's Jira changes, and its warm-up: a smaller burst on other issues, sent and
 * applied before the measured one.
 *
 * Why a warm-up: the scenario starts a new server process and a new harness worker, whose code
 * V8 has not compiled yet, while production's server and worker have long been running. Cold, the
 * first issues of a burst alone (`BENCH_ONLY=burst`) waited 3.4 s for their first write and the
 * burst was all applied 5.4 s after its last event; after earlier scenarios had warmed the bench
 * process, 3.7–4.2 s. BENCH_BURST_WARMUP=0 turns it off; its figures are printed, not scored.
 */
import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import type { JiraSimEvent } from '../../sim/jira';
import type { Harness } from '../../tests/e2e/support/harness';
import { runLimited } from '../../workflows/concurrency';
import {
  deliver,
  editAndCapture,
  eventWorld,
  prepare,
  type Answer,
  type Delivery,
  type Pair,
} from './event-deliveries';
import type { EventServer } from './event-server-process';

export interface BurstChanges {
  events: Array<{ pair: Pair; event: JiraSimEvent }>;
  /** Each issue's last summary: Zoho must end on it. */
  lastSummary: Map<string, string>;
}

/** `count` Jira edits round-robin over `pairs`, each its own `updated` (so its own delivery key). */
export async function burstChanges(h: Harness, pairs: Pair[], count: number, label = 'Burst'): Promise<BurstChanges> {
  const events: BurstChanges['events'] = [];
  const lastSummary = new Map<string, string>();
  for (let round = 0; events.length < count; round += 1) {
    for (const pair of pairs) {
      if (events.length >= count) break;
      const summary = `${label} ${round} of ${pair.issueKey}`;
      events.push({ pair, event: editAndCapture(h, pair.issueId, summary) });
      lastSummary.set(pair.issueId, summary);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return { events, lastSummary };
}

/** Sends `list` with `concurrency` senders; answers in list order (status 0: no answer). */
export function sendAll(server: EventServer, agent: Agent, list: Delivery[], concurrency: number): Promise<Answer[]> {
  return runLimited(list, concurrency, (d) =>
    deliver(server, agent, d).catch((err: Error): Answer => ({ status: 0, outcome: err.message, ms: 0 })),
  );
}

/** The warm-up burst (10 events on each of `events / 10` issues of their own); returns a log line. */
export async function warmUp(h: Harness, server: EventServer, agent: Agent, events: number): Promise<string> {
  const pairs = await eventWorld(h, Math.max(1, Math.round(events / 10)));
  const changes = await burstChanges(h, pairs, events, 'Warm-up');
  const deliveries = await Promise.all(changes.events.map(({ event }) => prepare(h, event)));
  const t0 = performance.now();
  const answers = await sendAll(server, agent, deliveries, 50);
  const sentS = (performance.now() - t0) / 1000;
  const pending = () =>
    pairs.filter(
      (p) => (h.zoho.control.getRecord(p.recordId) as { name?: string }).name !== changes.lastSummary.get(p.issueId),
    ).length;
  const deadline = Date.now() + 60_000;
  while (pending() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const appliedS = (performance.now() - t0) / 1000;
  const refused = answers.filter((a) => a.status < 200 || a.status >= 300).length;
  if (refused > 0 || pending() > 0)
    throw new Error(`the warm-up burst failed: ${refused} deliveries refused, ${pending()} issues not applied`);
  return `[burst warm-up, not scored] ${events} events on ${pairs.length} issues sent in ${sentS.toFixed(2)} s, all applied after ${appliedS.toFixed(2)} s`;
}
