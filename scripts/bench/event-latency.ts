/**
 * Bench scenario: Jira event → Zoho write latency through the real server route. Two runs on one
 * world of two-way pairs: a steady arrival rate (issue 11 §6: 20 events/s, each event to its own
 * issue, sent on schedule whatever the answers), then the older unpaced run (10 senders, each
 * sending the next event once Zoho shows the last one). Latency = from sending the delivery until
 * the Zoho simulator holds the new value.
 */
import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import type { Harness } from '../../tests/e2e/support/harness';
import { runLimited } from '../../workflows/concurrency';
import { addLatency, sampleRss, type BenchOptions, type Row } from './common';
import { formatCpu, perEventCpu, startCpuMeter } from './cpu';
import {
  deliver,
  editAndCapture,
  eventFitLong,
  eventWorld,
  quantile,
  serverLogLevel,
  withEventServer,
  type Answer,
  type Pair,
} from './event-deliveries';
import type { EventServer } from './event-server-process';

const STEADY_P95_MS = 250;
const UNPACED_P95_MS = 1_000;

interface Run {
  latencies: number[];
  answers: Answer[];
}

/**
 * Resolves when Zoho holds `summary` on the record. Waits on the simulator's change notifications,
 * so watching costs nothing while records do not change (a poll loop over every waiter would burn
 * the cores the measured path needs, and more of them as a queue builds).
 */
function zohoWatcher(h: Harness) {
  const waiting = new Map<string, { summary: string; resolve: () => void }>();
  h.zoho.control.onRecordChange((recordId, json) => {
    const w = waiting.get(recordId);
    if (!w || (json as { name?: string }).name !== w.summary) return;
    waiting.delete(recordId);
    w.resolve();
  });
  return (recordId: string, summary: string) =>
    new Promise<void>((resolve) => {
      if ((h.zoho.control.getRecord(recordId) as { name: string }).name === summary) return resolve();
      waiting.set(recordId, { summary, resolve });
    });
}

async function oneEvent(
  h: Harness,
  server: EventServer,
  agent: Agent,
  fit: string,
  p: Pair,
  summary: string,
  zohoHolds: ReturnType<typeof zohoWatcher>,
  run: Run,
): Promise<void> {
  const event = editAndCapture(h, p.issueId, summary);
  const t0 = performance.now();
  const answer = await deliver(server, agent, {
    fit,
    body: JSON.stringify({ payload: event.forge, context: { cloudId: h.jira.cloudId } }),
  });
  run.answers.push(answer);
  if (answer.status !== 200 || answer.outcome !== 'accepted')
    throw new Error(`event of ${p.issueKey} answered ${answer.status} ${answer.outcome ?? ''}`);
  await zohoHolds(p.recordId, summary);
  run.latencies.push(performance.now() - t0);
}

/** Where the time goes on the server side: outbox commit → marked signalled (relay hold + signal), per row. */
async function relayLeg(h: Harness, since: Date): Promise<string> {
  const rows = await h.prisma.$queryRaw<Array<{ ms: number }>>`
    SELECT (EXTRACT(EPOCH FROM ("signalledAt" - "receivedAt")) * 1000)::float8 AS ms FROM "EventReceipt"
    WHERE "installationId" = ${h.installationId} AND "receivedAt" >= ${since} AND "signalledAt" IS NOT NULL`;
  const ms = rows.map((r) => r.ms);
  if (ms.length === 0) return 'no rows';
  return `p50 ${Math.round(quantile(ms, 0.5))} ms, p95 ${Math.round(quantile(ms, 0.95))} ms`;
}

const dbNow = async (h: Harness): Promise<Date> =>
  (await h.prisma.$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`)[0].now;

function summarise(label: string, run: Run, seconds: number, cpu: Record<string, number>, relay: string): number {
  const q = quantile(run.latencies, 0.95);
  console.log(
    `[latency ${label}] p50 ${Math.round(quantile(run.latencies, 0.5))} ms, p95 ${Math.round(q)} ms, ` +
      `max ${Math.round(Math.max(...run.latencies))} ms; route answer p95 ${Math.round(
        quantile(
          run.answers.map((a) => a.ms),
          0.95,
        ),
      )} ms; outbox commit → marked signalled ${relay}; box CPU in ${seconds.toFixed(1)} s: ${formatCpu(cpu)}; per event: ${perEventCpu(cpu, run.latencies.length)}`,
  );
  return q;
}

export function eventLatency(o: BenchOptions): Promise<Row[]> {
  const rate = Number(process.env.BENCH_EVENT_RATE ?? 20);
  return withEventServer(o, async (h, server, agent) => {
    const pairs = await eventWorld(h, o.events);
    await addLatency(h, o.latencyMs);
    const fits = await Promise.all(pairs.map(() => eventFitLong(h)));
    const zohoHolds = zohoWatcher(h);

    // Steady: event i is sent at i / rate seconds, each to its own issue.
    const steady: Run = { latencies: [], answers: [] };
    let since = await dbNow(h);
    let meter = startCpuMeter();
    let started = performance.now();
    await Promise.all(
      pairs.map(async (p, i) => {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await oneEvent(h, server, agent, fits[i], p, `Steady edit of ${p.issueKey}`, zohoHolds, steady);
      }),
    );
    let seconds = (performance.now() - started) / 1000;
    let cpu = meter.stop();
    const steadyQ = summarise(`steady ${rate}/s`, steady, seconds, cpu, await relayLeg(h, since));

    // Unpaced: 10 senders, each sends the next event once Zoho shows its last one.
    const unpaced: Run = { latencies: [], answers: [] };
    since = await dbNow(h);
    meter = startCpuMeter();
    started = performance.now();
    await runLimited(
      pairs.map((_, i) => i),
      10,
      (i) => oneEvent(h, server, agent, fits[i], pairs[i], `Edited in Jira ${pairs[i].issueId}`, zohoHolds, unpaced),
    );
    seconds = (performance.now() - started) / 1000;
    cpu = meter.stop();
    const unpacedQ = summarise('unpaced, 10 senders', unpaced, seconds, cpu, await relayLeg(h, since));
    sampleRss();
    return [
      {
        name: `Jira event → Zoho write, steady ${rate} events/s, ${o.events} events (POST /forge/events, server log ${serverLogLevel()})`,
        measured: `p95 ${Math.round(steadyQ)} ms, p50 ${Math.round(quantile(steady.latencies, 0.5))} ms`,
        target: `p95 < ${STEADY_P95_MS} ms`,
        met: steadyQ < STEADY_P95_MS,
      },
      {
        name: `Jira event → Zoho write, unpaced (10 senders), ${o.events} events`,
        measured: `p95 ${Math.round(unpacedQ)} ms`,
        target: `p95 < ${UNPACED_P95_MS} ms`,
        met: unpacedQ < UNPACED_P95_MS,
      },
    ];
  });
}
