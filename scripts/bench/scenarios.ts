/** Bench scenarios: each builds its own world (fresh simulators, budgets, worker) and returns rows. */
import { performance } from 'node:perf_hooks';
import { configFingerprint } from '../../workflows/core/fingerprint';
import { loadSmartConnectedItem } from '../../activities/store/items';
import { signalIssueEvent } from '../../activities/temporal/schedules';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { startHarness, type Harness, type HarnessOptions } from '../../tests/e2e/support/harness';
import { createSci, runCycle } from '../../tests/e2e/support/sci';
import { startWorkerProcess } from './worker-process';

export interface Row { name: string; measured: string; target: string; met: boolean }

export interface BenchOptions { links: number; autoCreate: number; events: number; burst: number; latencyMs: number; jiraCeiling: number }

let peakRss = 0;
export function sampleRss(): number {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return peakRss;
}

function withLatency(o: BenchOptions, extra: HarnessOptions = {}): HarnessOptions {
  return { ...extra, config: { ...extra.config }, zohoBudgetLimit: extra.zohoBudgetLimit ?? 150 };
}

async function addLatency(h: Harness, ms: number): Promise<void> {
  if (ms <= 0) return;
  h.zoho.control.injectFault({ kind: 'latency', latencyMs: ms, times: Infinity });
  h.jira.control.injectFault({ kind: 'latency', latencyMs: ms, count: Infinity });
}

/** N linked tasks: Zoho tasks, Jira issues, links with baselines, and a cursor at "now". */
async function linkedWorld(h: Harness, n: number, sci: { serverOrdered: boolean }) {
  const projectId = h.zoho.control.addProject({ name: 'Bench', prefix: 'BN' });
  // Created well before the cursor (more than the deliberate overlap): an idle cycle sees no change.
  const ids = h.zoho.control.seedItems({ projectId, count: n, stepMs: 10, startMs: h.zoho.control.now() - 10 * 60_000 - n * 10 });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId, mode: 'one_way', projectId, syncStatus: true,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
  });
  const issues = ids.map((id, i) => ({ id, issue: h.jira.control.seedIssue({ projectKey: 'OPS', issueType: 'Task', fields: { summary: `Task ${i + 1}` } }) }));
  for (let i = 0; i < issues.length; i += 1000) {
    await h.prisma.link.createMany({
      data: issues.slice(i, i + 1000).map(({ id, issue }) => ({
        installationId: h.installationId, sciId, jiraIssueId: issue.id, jiraIssueKey: issue.key, zohoRecordId: id, origin: 'manual' as const,
      })),
    });
  }
  const sciRow = (await loadSmartConnectedItem(h.prisma, sciId))!;
  await h.prisma.syncCursor.create({ data: { sciId, fingerprint: configFingerprint(sciRow), zohoModifiedAfter: new Date(h.zoho.control.now() + 1) } });
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
        met: idle.status === 'succeeded' && zohoCalls <= expectZoho && jiraCalls === 0 && (o.latencyMs > 0 || wall < 5000),
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
      rows.push({ name: `Worker process peak RSS, ${o.links} links (idle + churn)`, measured: `${Math.round(rss)} MB`, target: '< 300 MB', met: rss < 300 });
    } finally {
      await worker?.stop();
      await h.stop();
    }
  }
  return rows;
}

function budgetRow(h: Harness, what: string): Row {
  const blocks = h.zoho.control.rateLimitBlocks() as unknown[];
  const throttled = h.zoho.control.callLog().filter((c) => (c as { status?: number }).status === 429).length;
  return { name: `Zoho budget overruns (${what})`, measured: `${blocks.length} blocks, ${throttled} throttled answers`, target: '0', met: blocks.length === 0 && throttled === 0 };
}

export async function autoCreateFirstCycle(o: BenchOptions): Promise<Row[]> {
  const h = await startHarness(withLatency(o, { jira: { rateLimit: { ceilingPerSecond: o.jiraCeiling } }, config: { createConsistencyHorizonMs: 5_000 } }));
  try {
    const projectId = h.zoho.control.addProject({ name: 'Intake', prefix: 'IN' });
    h.zoho.control.seedItems({ projectId, count: o.autoCreate });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId, mode: 'one_way', projectId, autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    await addLatency(h, o.latencyMs);
    h.jira.control.clearCalls();
    const t0 = performance.now();
    const r = await runCycle(h.client, h.taskQueue, sciId);
    const secs = (performance.now() - t0) / 1000;
    sampleRss();
    const calls = h.jira.control.calls();
    const creates = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/rest/api/3/issue') && c.status === 201).length;
    const rate = calls.length / secs;
    const links = await h.prisma.link.findMany({ where: { sciId }, select: { zohoRecordId: true, jiraIssueId: true } });
    const distinct = new Set(links.map((l) => l.zohoRecordId)).size;
    const duplicates = creates - distinct;
    return [
      {
        name: `First cycle auto-creating ${o.autoCreate} tasks`,
        measured: `${r.totals?.created} created in ${secs.toFixed(1)} s; Jira ${rate.toFixed(0)} req/s of ceiling ${o.jiraCeiling} (${Math.round((100 * rate) / o.jiraCeiling)} %); ${duplicates} duplicates`,
        target: '≥ 80 % of the Jira ceiling, 0 duplicates',
        met: rate >= 0.8 * o.jiraCeiling && duplicates === 0 && distinct === o.autoCreate,
      },
      budgetRow(h, 'auto-create, notes deferred beyond budget'),
    ];
  } finally {
    await h.stop();
  }
}

/** Two-way pairs for the event rows (Zoho limits raised: 500+ writes exceed a real Zoho user's 200 / 2 min). */
async function eventWorld(h: Harness, n: number) {
  const projectId = h.zoho.control.addProject({ name: 'Events', prefix: 'EV' });
  const ids = h.zoho.control.seedItems({ projectId, count: n });
  const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'two_way', projectId,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }] });
  const pairs = [];
  for (const [i, id] of ids.entries()) {
    const issue = h.jira.control.seedIssue({ projectKey: 'OPS', issueType: 'Task', fields: { summary: `Task ${i + 1}` } });
    pairs.push({ recordId: id, issueId: issue.id, issueKey: issue.key });
  }
  await h.prisma.link.createMany({ data: pairs.map((p) => ({
    installationId: h.installationId, sciId, jiraIssueId: p.issueId, jiraIssueKey: p.issueKey, zohoRecordId: p.recordId, origin: 'manual' as const,
  })) });
  return pairs;
}

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))];
}

export async function eventLatency(o: BenchOptions): Promise<Row[]> {
  const h = await startHarness(withLatency(o, { zohoBudgetLimit: 100_000, zoho: { rateLimit: { limit: 1_000_000 } } }));
  try {
    const pairs = await eventWorld(h, o.events);
    await addLatency(h, o.latencyMs);
    const latencies: number[] = [];
    const alice = h.jira.control.as(DEMO_ACCOUNTS.alice);
    let next = 0;
    const one = async () => {
      while (next < pairs.length) {
        const p = pairs[next];
        next += 1;
        const summary = `Edited in Jira ${p.issueId}`;
        alice.editIssue(p.issueId, { summary });
        const t0 = performance.now();
        await signalIssueEvent(h.client, {
          kind: 'issue_updated', installationId: h.installationId, jiraIssueId: p.issueId, jiraIssueKey: p.issueKey,
          changedFieldIds: ['summary'], actorAccountId: DEMO_ACCOUNTS.alice, occurredAt: new Date().toISOString(),
        }, { taskQueue: h.taskQueue });
        for (;;) {
          if ((h.zoho.control.getRecord(p.recordId) as { name: string }).name === summary) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: 10 }, one));
    sampleRss();
    const q = p95(latencies);
    return [{ name: `Jira event → Zoho write, ${o.events} events`, measured: `p95 ${Math.round(q)} ms`, target: 'p95 < 1000 ms', met: q < 1000 }];
  } finally {
    await h.stop();
  }
}

export async function eventBurst(o: BenchOptions): Promise<Row[]> {
  const h = await startHarness(withLatency(o, { zohoBudgetLimit: 100_000, zoho: { rateLimit: { limit: 1_000_000 } } }));
  try {
    const issues = Math.max(1, Math.round(o.burst / 10));
    const pairs = await eventWorld(h, issues);
    await addLatency(h, o.latencyMs);
    const events = Array.from({ length: o.burst }, (_, i) => pairs[i % pairs.length]);
    let next = 0;
    const t0 = performance.now();
    const send = async () => {
      while (next < events.length) {
        const p = events[next];
        next += 1;
        await signalIssueEvent(h.client, {
          kind: 'issue_updated', installationId: h.installationId, jiraIssueId: p.issueId, jiraIssueKey: p.issueKey,
          changedFieldIds: ['labels'], actorAccountId: DEMO_ACCOUNTS.alice, occurredAt: new Date().toISOString(),
        }, { taskQueue: h.taskQueue });
      }
    };
    await Promise.all(Array.from({ length: 50 }, send));
    const rate = o.burst / ((performance.now() - t0) / 1000);
    // Every event must be received exactly once by its issue's entity workflow and applied.
    let received = 0;
    let applied = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      received = 0;
      applied = 0;
      for (const p of pairs) {
        const s = await h.client.workflow.getHandle(issueEventsWorkflowIdFor(h.installationId, p.issueId))
          .query<{ received: number; applied: number }>('issueEventsStatus');
        received += s.received;
        applied += s.applied;
      }
      if (applied >= o.burst) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    sampleRss();
    const lost = o.burst - received;
    const twice = Math.max(0, received - o.burst);
    return [{
      name: `Burst of ${o.burst} Jira events (signalWithStart directly, not via the server route)`,
      measured: `${Math.round(rate)} accepted/s, ${lost} lost, ${twice} twice, ${applied} applied`,
      target: '≥ 500 accepted/s, 0 lost, 0 twice',
      met: rate >= 500 && lost === 0 && twice === 0 && applied === o.burst,
    }];
  } finally {
    await h.stop();
  }
}
