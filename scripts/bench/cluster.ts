/**
 * Bench scenario "cluster": the first-cycle auto-create with one worker process, then with two
 * worker processes polling the same task queue of the same Temporal (the bench's dev server),
 * each run on its own Zoho project and SCI. Prints creates/s of each and their ratio, duplicates
 * (Jira creates per Zoho record) and the Zoho simulator's own count against its limit. Both
 * workers draw from the one Jira pace of the site and the one Zoho budget of the connection
 * (PostgreSQL), so a second worker can add throughput only where Jira's ceiling leaves room.
 */
import { performance } from 'node:perf_hooks';
import { createSci } from '../../tests/e2e/support/sci';
import { startHarness, type Harness } from '../../tests/e2e/support/harness';
import type { SyncItemResult } from '../../workflows/sync-item';
import { budgetRow, sampleRss, withLatency, type BenchOptions, type Row } from './common';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

/** Zoho's documented limit (100 calls per user per 2 minutes); the workers run the product's default budget. */
const ZOHO_LIMIT = { limit: 100, windowMs: 120_000 };
const WORKER_BUDGET = '80';

interface Run {
  workers: number;
  created: number;
  creates: number;
  secs: number;
  duplicates: number;
  refused: number;
  jiraRate: number;
  peakRssMb: number[];
}

/** Most calls the Zoho simulator saw in any window of its own length. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

async function autoCreateWith(h: Harness, o: BenchOptions, workers: number): Promise<Run> {
  const procs: WorkerProcess[] = [];
  try {
    for (let i = 0; i < workers; i += 1)
      procs.push(
        await startWorkerProcess(
          h,
          { AUTO_CREATE_SEARCH_HORIZON_MS: '5000', ZOHO_BUDGET_PER_2MIN: WORKER_BUDGET },
          { quiet: true },
        ),
      );
    const projectId = h.zoho.control.addProject({ name: `Cluster ${workers}`, prefix: `C${workers}` });
    h.zoho.control.seedItems({ projectId, count: o.autoCreate });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    // Each run learns Jira's ceiling afresh (the pace row would otherwise carry over from the first run).
    await h.prisma.$executeRawUnsafe(`DELETE FROM "JiraSitePace"`);
    h.jira.control.setRateLimit({ ceilingPerSecond: o.jiraCeiling });
    h.jira.control.clearCalls();
    const t0 = performance.now();
    const handle = await h.client.workflow.start('syncItem', {
      taskQueue: h.taskQueue,
      workflowId: `sync:${sciId}:cluster-${workers}`,
      args: [{ sciId }],
    });
    const r = (await handle.result()) as SyncItemResult;
    const secs = (performance.now() - t0) / 1000;
    sampleRss();
    const calls = h.jira.control.calls();
    const creates = calls.filter(
      (c) => c.method === 'POST' && c.path.endsWith('/rest/api/3/issue') && c.status === 201,
    ).length;
    const refused = calls.filter((c) => c.status === 429).length;
    const links = await h.prisma.link.findMany({ where: { sciId }, select: { zohoRecordId: true } });
    const distinct = new Set(links.map((l) => l.zohoRecordId)).size;
    return {
      workers,
      created: r.totals?.created ?? 0,
      creates,
      secs,
      duplicates: creates - distinct + (o.autoCreate - distinct),
      refused,
      jiraRate: (calls.length - refused) / secs,
      peakRssMb: procs.map((p) => p.peakRssMb()),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

export async function clusterAutoCreate(o: BenchOptions): Promise<Row[]> {
  const h = await startHarness(
    withLatency(o, {
      jira: { rateLimit: { ceilingPerSecond: o.jiraCeiling } },
      config: { createConsistencyHorizonMs: 5_000 },
      inProcessWorker: false,
    }),
  );
  try {
    h.zoho.control.setRateLimit(ZOHO_LIMIT);
    h.zoho.control.clearCallLog();
    const one = await autoCreateWith(h, o, 1);
    const two = await autoCreateWith(h, o, 2);
    const zohoTimes = h.zoho.control
      .callLog()
      .map((c) => Date.parse(c.time))
      .filter((t) => !Number.isNaN(t));
    const limit = ZOHO_LIMIT;
    const busiest = busiestWindow(zohoTimes, limit.windowMs);
    const rate = (r: Run) => r.creates / r.secs;
    const describe = (r: Run) =>
      `${r.created} created in ${r.secs.toFixed(1)} s = ${rate(r).toFixed(0)} creates/s, Jira accepted ${r.jiraRate.toFixed(0)} req/s (${r.refused} × 429), ${r.duplicates} duplicates, worker peak RSS ${r.peakRssMb.map((m) => Math.round(m)).join(' + ')} MB`;
    return [
      {
        name: `Cluster: auto-create ${o.autoCreate}, 1 worker`,
        measured: describe(one),
        target: 'evidence',
        met: true,
      },
      {
        name: `Cluster: auto-create ${o.autoCreate}, 2 workers (same Temporal dev server)`,
        measured: describe(two),
        target: 'evidence',
        met: true,
      },
      {
        name: 'Cluster: 2 workers vs 1',
        measured: `ratio ${(rate(two) / rate(one)).toFixed(2)} (Jira ceiling ${o.jiraCeiling} req/s shared by both); ${one.duplicates + two.duplicates} duplicates; Zoho busiest ${Math.round(limit.windowMs / 1000)} s window ${busiest} of ${limit.limit}`,
        target: 'ratio printed, 0 duplicates, Zoho never above limit',
        met: one.duplicates + two.duplicates === 0 && busiest <= limit.limit,
      },
      budgetRow(h, 'cluster auto-create'),
    ];
  } finally {
    await h.stop();
  }
}
