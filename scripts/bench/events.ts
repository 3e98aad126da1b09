/** Bench scenarios of the event path Jira → Zoho: latency and bursts. */
import { performance } from 'node:perf_hooks';
import { signalIssueEvent } from '../../activities/temporal/schedules';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { startHarness, type Harness } from '../../tests/e2e/support/harness';
import { createSci } from '../../tests/e2e/support/sci';
import { addLatency, sampleRss, withLatency, type BenchOptions, type Row } from './common';

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
