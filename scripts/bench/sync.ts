/** Bench scenarios of the scheduled Zoho → Jira cycle: idle, churn, first-cycle auto-create. */
import { performance } from 'node:perf_hooks';
import { configFingerprint } from '../../workflows/core/fingerprint';
import { runLimited } from '../../workflows/concurrency';
import { loadSmartConnectedItem } from '../../store/items';
import { startHarness, type Harness } from '../../tests/e2e/support/harness';
import { createSci, runCycle } from '../../tests/e2e/support/sci';
import { request } from 'undici';
import { signDevFit } from '../../server/dev/dev-keys';
import { startServerProcess } from './server-process';
import { startWorkerProcess } from './worker-process';
import type { SyncItemResult } from '../../workflows/sync-item';
import { addLatency, budgetRow, sampleRss, withLatency, type BenchOptions, type Row } from './common';
import { formatCpu, startCpuMeter } from './cpu';

/**
 * The server process with the world in place: the admin grid and the issue panel (one linked issue
 * per request, its Zoho record read through the simulator) queried concurrently; returns peak RSS.
 */
async function serverUnderLoad(
  h: Harness,
  issues: Array<{ issue: { id: string; key: string } }>,
): Promise<{ peakMb: number; startedMb: number; requests: number; failed: number }> {
  const server = await startServerProcess(h);
  try {
    const startedMb = server.rssMb();
    const target = {
      installationId: h.installationId,
      apiBaseUrl: h.jira.apiBaseUrl,
      siteUrl: 'https://acme.atlassian.net',
      principal: '5b10a2844c20165700ede21g',
    };
    const adminFit = await signDevFit({
      ...target,
      moduleType: 'jira:adminPage',
      moduleKey: 'zoho-connector-admin',
      ttlSeconds: 600,
    });
    const sample = issues.filter((_, i) => i % Math.max(1, Math.floor(issues.length / 200)) === 0).slice(0, 200);
    const calls: Array<{ path: string; fit: string }> = [];
    for (const [i, { issue }] of sample.entries()) {
      const fit = await signDevFit({
        ...target,
        moduleType: 'jira:issuePanel',
        moduleKey: 'zoho-connector-panel',
        issue,
        ttlSeconds: 600,
      });
      calls.push({ path: '/api/panel/items', fit });
      if (i % 4 === 0) calls.push({ path: '/api/admin/items', fit: adminFit });
    }
    const statuses = await runLimited(calls, 8, async (c) => {
      const res = await request(`${server.url}${c.path}`, {
        headers: { authorization: `Bearer ${c.fit}`, 'x-forge-oauth-system': 'sim-system-token' },
      });
      await res.body.text();
      return res.statusCode;
    });
    const failed = statuses.filter((status) => status !== 200).length;
    return { peakMb: server.peakRssMb(), startedMb, requests: calls.length, failed };
  } finally {
    await server.stop();
  }
}

/** N linked tasks: Zoho tasks, Jira issues, links with baselines, and a cursor at "now". */
async function linkedWorld(h: Harness, n: number, sci: { serverOrdered: boolean }) {
  const projectId = h.zoho.control.addProject({ name: 'Bench', prefix: 'BN' });
  // Created well before the cursor (more than the deliberate overlap): an idle cycle sees no change.
  const ids = h.zoho.control.seedItems({
    projectId,
    count: n,
    stepMs: 10,
    startMs: h.zoho.control.now() - 10 * 60_000 - n * 10,
  });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'one_way',
    projectId,
    syncStatus: true,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
  });
  const issues = ids.map((id, i) => ({
    id,
    issue: h.jira.control.seedIssue({ projectKey: 'OPS', issueType: 'Task', fields: { summary: `Task ${i + 1}` } }),
  }));
  for (let i = 0; i < issues.length; i += 1000) {
    await h.prisma.link.createMany({
      data: issues.slice(i, i + 1000).map(({ id, issue }) => ({
        installationId: h.installationId,
        sciId,
        jiraIssueId: issue.id,
        jiraIssueKey: issue.key,
        zohoRecordId: id,
        origin: 'manual' as const,
      })),
    });
  }
  const sciRow = (await loadSmartConnectedItem(h.prisma, sciId))!;
  await h.prisma.syncCursor.create({
    data: { sciId, fingerprint: configFingerprint(sciRow), zohoModifiedAfter: new Date(h.zoho.control.now() + 1) },
  });
  if (sci.serverOrdered) h.zoho.control.setSwitches({ sortByModifiedTime: true, filterByModifiedTime: true });
  return { projectId, sciId, ids, issues };
}

export async function idleAndChurn(o: BenchOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const serverOrdered of [false, true]) {
    const h = await startHarness(withLatency(o, { inProcessWorker: false }));
    let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
    try {
      const w = await linkedWorld(h, o.links, { serverOrdered });
      worker = await startWorkerProcess(h, { ZOHO_SERVER_ORDERING: String(serverOrdered) });
      const startedRss = worker.rssMb();
      await addLatency(h, o.latencyMs);
      h.jira.control.clearCalls();
      h.zoho.control.clearCallLog();
      const t0 = performance.now();
      const idle = await runCycle(h.client, h.taskQueue, w.sciId);
      const wall = performance.now() - t0;
      sampleRss();
      const zohoCalls = h.zoho.control.countCalls({ pathIncludes: '/api/v3/' });
      const jiraCalls = h.jira.control.calls().length;
      const expectZoho = serverOrdered ? 1 : Math.ceil(o.links / 200);
      const label = serverOrdered ? 'server-side ordering' : 'page scan';
      rows.push({
        name: `Idle cycle, ${o.links} linked tasks (${label})`,
        measured: `Zoho ${zohoCalls}, Jira ${jiraCalls}, ${Math.round(wall)} ms`,
        target: `Zoho ${expectZoho}, Jira 0${o.latencyMs === 0 ? ', < 5000 ms' : ''}`,
        met:
          idle.status === 'succeeded' && zohoCalls <= expectZoho && jiraCalls === 0 && (o.latencyMs > 0 || wall < 5000),
      });
      if (serverOrdered) continue;
      // 1 % churn: names change on all, status on a third of them.
      const changed = Math.max(1, Math.round(o.links / 100));
      const statusChanged = new Set<string>();
      for (let i = 0; i < changed; i += 1) {
        const id = w.ids[i * Math.floor(o.links / changed)];
        h.zoho.control.editRecord(id, { name: `Churned ${i}` });
        if (i % 3 === 0) {
          h.zoho.control.changeStatus(id, 'In Progress');
          statusChanged.add(id);
        }
      }
      h.jira.control.clearCalls();
      const t1 = performance.now();
      const churn = await runCycle(h.client, h.taskQueue, w.sciId);
      const churnWall = performance.now() - t1;
      const calls = h.jira.control.calls();
      const edits = calls.filter((c) => c.method === 'PUT' && /\/issue\/[^/]+$/.test(c.path)).length;
      const transitions = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/transitions')).length;
      rows.push({
        name: `1 % churn (${changed} changed, ${statusChanged.size} status changes)`,
        measured: `${edits} edits, ${transitions} transitions, ${Math.round(churnWall)} ms`,
        target: `${changed} edits (one per changed issue), ${statusChanged.size} transitions`,
        met: churn.status === 'succeeded' && edits === changed && transitions === statusChanged.size,
      });
      rows.push(budgetRow(h, 'idle + churn'));
      const rss = worker.peakRssMb();
      const srv = await serverUnderLoad(h, w.issues);
      rows.push({
        name: `Server process peak RSS, ${o.links} links (${srv.requests} panel + admin grid requests)`,
        measured: `${Math.round(srv.peakMb)} MB (${Math.round(srv.startedMb)} MB after start)${srv.failed ? `; ${srv.failed} requests failed` : ''}`,
        target: '< 250 MB',
        met: srv.peakMb < 250 && srv.failed === 0,
      });
      rows.push({
        name: `Worker process peak RSS, ${o.links} links (idle + churn)`,
        measured: `${Math.round(rss)} MB (${Math.round(startedRss)} MB after start)`,
        target: '< 250 MB',
        met: rss < 250,
      });
    } finally {
      await worker?.stop();
      await h.stop();
    }
  }
  return rows;
}

export async function autoCreateFirstCycle(o: BenchOptions): Promise<Row[]> {
  // The real worker process (BENCH_AUTOCREATE_WORKER=in-process: the harness's in-process worker).
  const inProcess = process.env.BENCH_AUTOCREATE_WORKER === 'in-process';
  const h = await startHarness(
    withLatency(o, {
      jira: { rateLimit: { ceilingPerSecond: o.jiraCeiling } },
      config: { createConsistencyHorizonMs: 5_000 },
      inProcessWorker: inProcess,
    }),
  );
  let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  try {
    if (!inProcess) worker = await startWorkerProcess(h, { AUTO_CREATE_SEARCH_HORIZON_MS: '5000' });
    const projectId = h.zoho.control.addProject({ name: 'Intake', prefix: 'IN' });
    h.zoho.control.seedItems({ projectId, count: o.autoCreate });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    await addLatency(h, o.latencyMs);
    h.jira.control.clearCalls();
    const meter = startCpuMeter();
    const t0 = performance.now();
    const handle = await h.client.workflow.start('syncItem', {
      taskQueue: h.taskQueue,
      workflowId: `sync:${sciId}:bench`,
      args: [{ sciId }],
    });
    const r = (await handle.result()) as SyncItemResult;
    const secs = (performance.now() - t0) / 1000;
    const cpu = meter.stop();
    const { historyLength } = await handle.describe();
    sampleRss();
    const calls = h.jira.control.calls();
    const creates = calls.filter(
      (c) => c.method === 'POST' && c.path.endsWith('/rest/api/3/issue') && c.status === 201,
    ).length;
    // Jira's useful throughput: the requests it accepted (a 429 is Jira refusing, not work done).
    const refused = calls.filter((c) => c.status === 429).length;
    const rate = (calls.length - refused) / secs;
    if (process.env.BENCH_PACE_TRACE) console.log(`[auto-create pace] ${paceTrace(calls)}`);
    const links = await h.prisma.link.findMany({ where: { sciId }, select: { zohoRecordId: true, jiraIssueId: true } });
    const distinct = new Set(links.map((l) => l.zohoRecordId)).size;
    const duplicates = creates - distinct;
    return [
      {
        name: `First cycle auto-creating ${o.autoCreate} tasks`,
        measured: `${r.totals?.created} created in ${secs.toFixed(1)} s (${(creates / secs).toFixed(0)} creates/s); Jira accepted ${rate.toFixed(0)} req/s of ceiling ${o.jiraCeiling} (${Math.round((100 * rate) / o.jiraCeiling)} %), ${refused} answered 429; ${duplicates} duplicates`,
        target: '≥ 80 % of the Jira ceiling, 0 duplicates',
        met: rate >= 0.8 * o.jiraCeiling && duplicates === 0 && distinct === o.autoCreate,
      },
      {
        name: 'CPU during that cycle (where the cores went; 2 cores = 2 s per s)',
        measured: `${formatCpu(cpu)}${worker ? ' (bench = simulators)' : ''}; ${(
          (1000 *
            Object.entries(cpu)
              .filter(([g]) => g !== 'other')
              .reduce((a, [, v]) => a + v, 0)) /
          o.autoCreate
        ).toFixed(0)} ms per record; cycle history ${historyLength} events`,
        target: 'evidence',
        met: true,
      },
      budgetRow(h, 'auto-create, notes deferred beyond budget'),
      ...(worker
        ? [
            {
              name: `Worker process peak RSS (auto-create of ${o.autoCreate})`,
              measured: `${Math.round(worker.peakRssMb())} MB`,
              target: '< 300 MB',
              met: worker.peakRssMb() < 300,
            },
          ]
        : []),
    ];
  } finally {
    await worker?.stop();
    await h.stop();
  }
}

/** BENCH_PACE_TRACE=1: Jira's answers per second of the run, "accepted/429" (where the run lost time). */
function paceTrace(calls: ReadonlyArray<{ at: number; status?: number }>): string {
  if (calls.length === 0) return 'no calls';
  const start = Math.min(...calls.map((c) => c.at));
  const seconds: Array<{ ok: number; refused: number }> = [];
  for (const c of calls) {
    const i = Math.floor((c.at - start) / 1000);
    seconds[i] ??= { ok: 0, refused: 0 };
    if (c.status === 429) seconds[i].refused += 1;
    else seconds[i].ok += 1;
  }
  return Array.from(seconds, (x) => (x ? `${x.ok}/${x.refused}` : '0/0')).join(' ');
}
