/**
 * Bench scenario of a burst on the event path Jira → Zoho, through the real server route: the Jira
 * simulator makes the changes and builds the Forge product events, the bench POSTs them to
 * /forge/events of a server process (scripts/bench/event-server.ts) with a FIT, like Forge
 * delivers, and the harness's worker applies them to the Zoho simulator, after a warm-up burst on
 * other issues (scripts/bench/burst-changes.ts). (The latency scenario is
 * scripts/bench/event-latency.ts.)
 */
import { performance } from 'node:perf_hooks';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { issueEventsStatusQuery, type IssueEventsStatus } from '../../workflows/signals';
import { mapForgeEvent, forgeEventSchema } from '../../server/events/forge-event';
import { addLatency, sampleRss, type BenchOptions, type Row } from './common';
import { formatCpu, perEventCpu, startCpuMeter } from './cpu';
import { processCpu, processCpuSeconds, temporalServerPid } from './event-server-process';
import { eventWorld, prepare, quantile, relayStats, serverLogLevel, withEventServer } from './event-deliveries';
import { activitiesRun } from '../../tests/e2e/support/history';
import { spread, traceSlowestIssues } from './burst-trace';
import { burstChanges, sendAll, warmUp } from './burst-changes';

const ACCEPTED_PER_S = 1_000;
const APPLIED_AFTER_LAST_S = 5;

const sumCpu = (a: Record<string, number>, b: Record<string, number>): Record<string, number> =>
  Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)]));

/**
 * BENCH_BURST_WORKER=off measures the intake alone: no worker runs while the burst is accepted (it
 * starts afterwards and applies everything), which separates the route's own ceiling from the cost
 * of the worker processing the burst on the same machine at the same time.
 */
export function eventBurst(o: BenchOptions): Promise<Row[]> {
  const workerDuring = process.env.BENCH_BURST_WORKER !== 'off';
  return withEventServer(
    o,
    async (h, server, agent) => {
      const warmup = Number(process.env.BENCH_BURST_WARMUP ?? 200);
      if (warmup > 0) console.log(await warmUp(h, server, agent, warmup));
      const perIssue = 10;
      const pairs = await eventWorld(h, Math.max(1, Math.round(o.burst / perIssue)));
      await addLatency(h, o.latencyMs);
      const { events, lastSummary } = await burstChanges(h, pairs, o.burst);
      const keys = new Set(
        events.map(
          ({ event }) => mapForgeEvent(h.installationId, forgeEventSchema.parse(event.forge), new Date()).deliveryKey,
        ),
      );
      if (keys.size !== events.length)
        throw new Error(`bench bug: ${events.length - keys.size} events share a delivery key`);
      const deliveries = await Promise.all(events.map(({ event }) => prepare(h, event)));
      const retried = events.filter((_, i) => i % 10 === 0);
      const retries = await Promise.all(retried.map(({ event }) => prepare(h, event, 1)));

      const temporalPid = temporalServerPid();
      const serverCpu0 = processCpu(server.pid);
      const cpu0 = {
        server: processCpuSeconds(server.pid),
        temporal: temporalPid ? processCpuSeconds(temporalPid) : 0,
        bench: process.cpuUsage(),
      };
      // "Applied in Zoho" is when each record holds its issue's last summary, seen through the
      // simulator's change notifications (the workflows are queried only afterwards, for the counts).
      const lastByRecord = new Map(pairs.map((p) => [p.recordId, lastSummary.get(p.issueId)]));
      const zohoDoneAt = new Map<string, number>();
      const unsubscribe = h.zoho.control.onRecordChange((recordId, json) => {
        if (!zohoDoneAt.has(recordId) && (json as { name?: string }).name === lastByRecord.get(recordId))
          zohoDoneAt.set(recordId, performance.now());
      });
      const meter = startCpuMeter();
      const t0 = performance.now();
      const answers = await sendAll(server, agent, deliveries, 50);
      const seconds = (performance.now() - t0) / 1000;
      const boxCpu = meter.stop();
      const applyMeter = startCpuMeter(); // from the last answer until all is applied
      const relayAtEnd = await relayStats(server, agent);
      const serverCpu1 = processCpu(server.pid);
      const cpu = {
        serverSplit: `user ${(serverCpu1.user - serverCpu0.user).toFixed(1)} s, system ${(serverCpu1.system - serverCpu0.system).toFixed(1)} s`,
        server: processCpuSeconds(server.pid) - cpu0.server,
        temporal: temporalPid ? processCpuSeconds(temporalPid) - cpu0.temporal : NaN,
        bench: (() => {
          const u = process.cpuUsage(cpu0.bench);
          return (u.user + u.system) / 1e6;
        })(),
      };
      const accepted = answers.filter((a) => a.status >= 200 && a.status < 300).length;
      const acceptedNew = answers.filter((a) => a.outcome === 'accepted').length;
      const rate = accepted / seconds;
      // Forge retries 10 % of the deliveries (while the burst is applied): each must be recognised as a duplicate.
      const retrying = sendAll(server, agent, retries, 20);
      if (!workerDuring) {
        await retrying;
        await h.restartWorker();
      }

      // Every event must be received exactly once by its issue's entity workflow and applied; Zoho ends on Jira's last value.
      const sent = new Map<string, number>();
      for (const { pair } of events) sent.set(pair.issueId, (sent.get(pair.issueId) ?? 0) + 1);
      const statuses: IssueEventsStatus[] = pairs.map(() => ({ received: 0, applied: 0, pending: 0 }));
      const deadline = Date.now() + 180_000;
      // Accepted (2xx) is not the end: also time until the relay signalled every event and the worker applied it.
      let allSignalledS = NaN;
      let allAppliedS = NaN;
      while (Date.now() < deadline) {
        const [{ pending }] = await h.prisma.$queryRaw<Array<{ pending: number }>>`
          SELECT count(*)::int AS pending FROM "EventReceipt" WHERE "installationId" = ${h.installationId} AND "state" = 'pending'`;
        if (pending === 0) {
          allSignalledS = (performance.now() - t0) / 1000;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      while (Date.now() < deadline && zohoDoneAt.size < pairs.length) await new Promise((r) => setTimeout(r, 20));
      unsubscribe();
      if (zohoDoneAt.size === pairs.length) allAppliedS = (Math.max(...zohoDoneAt.values()) - t0) / 1000;
      const applyCpu = applyMeter.stop();
      // Then the workflows' own counts (queries cost Temporal and worker work: only issues not yet done).
      let open = pairs.map((_, i) => i);
      while (Date.now() < deadline && open.length > 0) {
        await Promise.all(
          open.map(async (i) => {
            statuses[i] = await h.client.workflow
              .getHandle(issueEventsWorkflowIdFor(h.installationId, pairs[i].issueId))
              .query(issueEventsStatusQuery)
              .catch(() => statuses[i]);
          }),
        );
        open = open.filter((i) => statuses[i].applied < (sent.get(pairs[i].issueId) ?? 0));
        if (open.length > 0) await new Promise((r) => setTimeout(r, 50));
      }
      const retryAnswers = await retrying;
      const retriesNotDeduped = retryAnswers.filter((a) => a.outcome !== 'duplicate').length;
      const afterLastS = allAppliedS - seconds;
      sampleRss();
      let lost = 0;
      let twice = retriesNotDeduped;
      let applied = 0;
      let converged = 0;
      let resent = 0;
      statuses.forEach((s, i) => {
        resent += s.duplicates ?? 0;
        const want = sent.get(pairs[i].issueId) ?? 0;
        lost += Math.max(0, want - s.received);
        twice += Math.max(0, s.received - want) + Math.max(0, s.applied - s.received);
        applied += Math.min(s.applied, s.received);
        if (
          (h.zoho.control.getRecord(pairs[i].recordId) as { name: string }).name === lastSummary.get(pairs[i].issueId)
        )
          converged += 1;
      });
      // How the entity workflows batched the burst (a sample of histories): fewer batches, less Temporal work per event.
      const sample = await Promise.all(
        pairs
          .slice(0, 10)
          .map((p) =>
            h.client.workflow.getHandle(issueEventsWorkflowIdFor(h.installationId, p.issueId)).fetchHistory(),
          ),
      );
      const count = (kind: string) =>
        sample.reduce((n, hist) => n + (hist.events ?? []).filter((e) => String(e.eventType) === kind).length, 0) /
        sample.length;
      const activities = (histories: typeof sample) =>
        histories.reduce((n, hist) => n + activitiesRun(hist).length, 0) / histories.length;
      const answerMs = answers.map((a) => a.ms);
      const doneS = [...zohoDoneAt.values()].map((t) => (t - t0) / 1000);
      const signalledS = await h.prisma.$queryRaw<Array<{ s: number }>>`
        SELECT (EXTRACT(EPOCH FROM ("signalledAt" - "receivedAt")))::float8 AS s FROM "EventReceipt"
        WHERE "installationId" = ${h.installationId} AND "signalledAt" IS NOT NULL`;
      if (process.env.BENCH_BURST_TRACE) await traceSlowestIssues(h, pairs, t0, zohoDoneAt);

      console.log(
        `[burst] ${accepted}/${answers.length} 2xx (${acceptedNew} accepted) in ${seconds.toFixed(2)} s; ` +
          `all signalled after ${allSignalledS.toFixed(2)} s, all applied after ${allAppliedS.toFixed(2)} s ` +
          `(${afterLastS.toFixed(2)} s after the last event; ${Math.round(o.burst / allAppliedS)} events/s end to end; ` +
          `issues applied at min/p10/p50/p90/max ${spread(doneS)} s, events waited for their signal ${spread(signalledS.map((r) => r.s))} s; ` +
          `${resent} re-sent events ignored by the workflows); answer p50 ${Math.round(quantile(answerMs, 0.5))} ms, ` +
          `p95 ${Math.round(quantile(answerMs, 0.95))} ms, max ${Math.round(Math.max(...answerMs))} ms; CPU during the burst: server ${cpu.server.toFixed(1)} s (${cpu.serverSplit}), ` +
          `temporal ${cpu.temporal.toFixed(1)} s, bench process (sims + worker + sender) ${cpu.bench.toFixed(1)} s; box: ${formatCpu(boxCpu)}; ` +
          `after the burst until all applied: ${formatCpu(applyCpu)}; per event, burst to all applied: ${perEventCpu(sumCpu(boxCpu, applyCpu), o.burst)}; ` +
          `per issue (10 events): ${activities(sample)} activities, ${count('7')} workflow tasks, ${count('17')} timers; ` +
          `relay during the burst: ${relayAtEnd.signalled} signals sent, ${relayAtEnd.queued} events queued at its end; ` +
          `retries deduped ${retryAnswers.length - retriesNotDeduped}/${retryAnswers.length}; Zoho converged ${converged}/${pairs.length}`,
      );
      const name = `Burst of ${o.burst} Jira events (POST /forge/events, 50 concurrent, server log ${serverLogLevel()}${workerDuring ? '' : '; intake only, worker started after'})`;
      return [
        {
          name,
          measured:
            `${Math.round(rate)} accepted/s, ${lost} lost, ${twice} twice, ${applied} applied, ` +
            `max answer ${Math.round(Math.max(...answerMs))} ms`,
          target: `≥ ${ACCEPTED_PER_S} accepted/s (quiet box), 0 lost, 0 twice`,
          met:
            rate >= ACCEPTED_PER_S &&
            accepted === answers.length &&
            lost === 0 &&
            twice === 0 &&
            applied === o.burst &&
            converged === pairs.length,
        },
        {
          name: `Same burst, all applied in Zoho`,
          measured:
            `${afterLastS.toFixed(1)} s after the last event (${allAppliedS.toFixed(1)} s after the first; ` +
            `${Math.round(o.burst / allAppliedS)} events/s end to end)`,
          target: `≤ ${APPLIED_AFTER_LAST_S} s after the last event`,
          met: afterLastS <= APPLIED_AFTER_LAST_S && applied === o.burst && converged === pairs.length,
        },
      ];
    },
    workerDuring,
  );
}
