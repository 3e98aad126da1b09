/**
 * `npm run bench`: the sync engine against the simulators on a real Temporal dev server and
 * PostgreSQL. Prints one row per target with the measured value and whether it was met.
 * Options (env): BENCH_LINKS (10000), BENCH_AUTOCREATE (2000), BENCH_EVENTS (500), BENCH_BURST (2000),
 * BENCH_LATENCY_MS (0: simulator latency per request), BENCH_JIRA_CEILING (req/s, 100), BENCH_ONLY (comma list:
 * idle, autocreate, latency, burst, zoholane, cluster; `zoholane`: Zoho edit → Jira write at one-minute cadence,
 * BENCH_ZOHOLANE_SAMPLES / _WEBHOOK_SAMPLES).
 * Product processes (worker, server) run from the production build: BENCH_NODE_FLAGS (default
 * "--max-old-space-size=160 --max-semi-space-size=2"), BENCH_WORKER_NODE_FLAGS (the worker's on top,
 * "--v8-pool-size=1"), BENCH_MALLOC_ARENA_MAX (2), BENCH_WORKER_RUNTIME=tsx,
 * BENCH_AUTOCREATE_WORKER=in-process; see scripts/bench/worker-process.ts. BENCH_BURST_WARMUP (200
 * events before the measured burst, 0 = none).
 * Before every scenario but the first, scripts/bench/settle.ts ends the last one's leftovers and
 * waits for a quiet box.
 */
import { startInfra } from './infra';
import { sampleRss, type BenchOptions, type Row } from './common';
import { eventBurst } from './events';
import { eventLatency } from './event-latency';
import { autoCreateFirstCycle, idleAndChurn } from './sync';
import { zohoLane } from './zoho-lane';
import { clusterAutoCreate } from './cluster';
import { settle } from './settle';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);

async function main(): Promise<void> {
  const o: BenchOptions = {
    links: num('BENCH_LINKS', 10_000),
    autoCreate: num('BENCH_AUTOCREATE', 2_000),
    events: num('BENCH_EVENTS', 500),
    burst: num('BENCH_BURST', 2_000),
    latencyMs: num('BENCH_LATENCY_MS', 0),
    jiraCeiling: num('BENCH_JIRA_CEILING', 100),
  };
  const only = process.env.BENCH_ONLY?.split(',');
  const infra = await startInfra();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void infra.stop().finally(() => process.exit(130));
    });
  }
  const rows: Row[] = [];
  const timer = setInterval(sampleRss, 200);
  try {
    const scenarios: Array<[string, (o: BenchOptions) => Promise<Row[]>]> = [
      ['idle', idleAndChurn],
      ['autocreate', autoCreateFirstCycle],
      ['latency', eventLatency],
      ['burst', eventBurst],
      ['zoholane', zohoLane],
      ['cluster', clusterAutoCreate],
    ];
    let first = true;
    for (const [name, run] of scenarios) {
      if (only && !only.includes(name)) continue;
      if (!first) console.log(`before ${name}: ${await settle(infra.databaseUrl)}`);
      first = false;
      try {
        rows.push(...(await run(o)));
      } catch (err) {
        rows.push({ name: `${name} scenario`, measured: `error: ${(err as Error).message}`, target: '-', met: false });
      }
    }
  } finally {
    clearInterval(timer);
    await infra.stop();
  }
  const rss = sampleRss() / 1024 / 1024;
  // The product's processes are measured by their own rows (worker and server process peak RSS).
  rows.push({
    name: 'Bench process peak RSS (simulators + harness, not a product process)',
    measured: `${Math.round(rss)} MB`,
    target: 'info',
    met: true,
  });
  const w = [
    Math.max(...rows.map((r) => r.name.length)),
    Math.max(...rows.map((r) => r.measured.length)),
    Math.max(...rows.map((r) => r.target.length)),
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(w[0])} | ${b.padEnd(w[1])} | ${c.padEnd(w[2])} | ${d}`;
  console.log(`\nlatency per simulator request: ${o.latencyMs} ms`);
  console.log(line('Row', 'Measured', 'Target', 'Met'));
  console.log(line('-'.repeat(w[0]), '-'.repeat(w[1]), '-'.repeat(w[2]), '---'));
  for (const r of rows) console.log(line(r.name, r.measured, r.target, r.met ? 'yes' : 'NO'));
  process.exitCode = rows.every((r) => r.met) ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
