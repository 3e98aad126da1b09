/**
 * Faults: 429 with Retry-After, 5xx, connection resets, lost responses, token expiry, and a worker
 * stopped mid-cycle. The sync converges with 0 duplicates and 0 lost updates.
 */
import { WorkflowClient } from '@temporalio/client';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { linkedPair } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jira: { searchLagMs: 1_500 }, shutdownGraceTime: 200 });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const PROP = 'zoho-connector-link';

describe('fault tolerance', () => {
  it('auto-create under 429/5xx/resets/lost create responses/token expiry makes each issue exactly once', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Faulty', prefix: 'FA' });
    const ids = h.zoho.control.seedItems({ projectId, count: 12, namePrefix: 'Faulty' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    h.zoho.control.injectFault({
      kind: 'rate-limit',
      path: `/projects/${projectId}/tasks`,
      retryAfterSec: 1,
      times: 1,
    });
    h.zoho.control.injectFault({ kind: 'status', status: 500, path: `/projects/${projectId}/tasks`, times: 1 });
    h.zoho.control.injectFault({ kind: 'reset', path: `/projects/${projectId}/tasks`, times: 1 });
    h.zoho.control.expireAccessTokens();
    h.jira.control.injectFault({ kind: 'lost-response', method: 'POST', path: '/rest/api/3/issue', count: 3 });
    h.jira.control.injectFault({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      method: 'POST',
      path: '/rest/api/3/issue',
      count: 2,
    });
    h.jira.control.injectFault({ kind: 'status', status: 503, method: 'POST', path: '/rest/api/3/issue', count: 2 });
    h.jira.control.injectFault({ kind: 'reset', method: 'POST', path: '/rest/api/3/issue', count: 1 });

    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.failed).toBe(0);
    const links = await h.prisma.link.findMany({ where: { sciId } });
    expect(new Set(links.map((l) => l.zohoRecordId))).toEqual(new Set(ids));
    // Every Jira issue carrying our property for this SCI (search lags 1.5 s): exactly one per record.
    const found = await eventually(async () => {
      const res = await h.jiraApi.searchJql({
        jql: `issue.property[${PROP}].sciId = "${sciId}"`,
        fields: ['summary'],
        maxResults: 100,
      });
      return res.issues.length >= 12 ? res.issues : undefined;
    }, 'search to show all 12 issues');
    expect(found).toHaveLength(12);
    expect(new Set(found.map((i) => i.fields.summary)).size).toBe(12);
    const notes = ids.map(
      (id) => h.zoho.control.comments(id).filter((c) => String(c.comment).includes('Linked to Jira issue')).length,
    );
    expect(notes.every((n) => n === 1)).toBe(true);
  }, 120_000);

  it('a worker stopped mid-cycle: the cycle resumes on a new worker; no update is lost or applied twice', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Crash', prefix: 'CR' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    const pairs = [];
    for (let i = 0; i < 10; i += 1) pairs.push(await linkedPair(h, { sciId, projectId, name: `Crash ${i}` }));
    await runCycle(h.client, h.taskQueue, sciId);
    for (const [i, p] of pairs.entries()) h.zoho.control.editRecord(p.recordId, { name: `Crash ${i} v2` });
    h.jira.control.injectFault({
      kind: 'latency',
      latencyMs: 1_500,
      method: 'PUT',
      path: '/rest/api/3/issue/*',
      count: 4,
    });
    h.jira.control.clearCalls();

    const handle = await h.client.workflow.start('syncItem', {
      taskQueue: h.taskQueue,
      workflowId: `sync:${sciId}:crash`,
      args: [{ sciId }],
    });
    await eventually(async () => h.jira.control.calls().some((c) => c.method === 'PUT'), 'an edit in flight');
    await h.restartWorker();
    const result = (await (handle as ReturnType<WorkflowClient['getHandle']>).result()) as { status: string };
    expect(result.status).toBe('succeeded');
    for (const [i, p] of pairs.entries()) {
      expect((await h.jiraApi.getIssue(p.issueId, ['summary']))!.fields.summary).toBe(`Crash ${i} v2`);
    }
    const puts = h.jira.control.calls().filter((c) => c.method === 'PUT' && (c as { status?: number }).status === 204);
    expect(puts.length).toBeLessThanOrEqual(10 + 4); // at most the in-flight ones repeated (idempotent edits)
    const again = await runCycle(h.client, h.taskQueue, sciId);
    expect(again.totals?.updated).toBe(0);
  }, 120_000);
});
