/**
 * Auto-create when the worker dies mid-create (spec: "no duplicate even when the create response is
 * lost or the worker dies mid-create"). New records are created by batch activities; a dead worker
 * stops heartbeating its batch, the batch's retry on a new worker finds the records it had claimed
 * but not linked and hands each to its own child workflow `create:<sci>:<record>`, which must find
 * the issue the first attempt created (intent row + issue property), never create a second one.
 */
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';
import type { SyncItemResult } from '../../workflows/sync-item';
import { autoCreateWorkflowIdFor } from '../../workflows/ids';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/bench/worker-process';

let h: Harness;
const workers: WorkerProcess[] = [];
// The real worker process (production wiring), so it can die the hard way (SIGKILL).
beforeAll(async () => {
  h = await startHarness({ jira: { searchLagMs: 1_500 }, inProcessWorker: false });
}, 60_000);
afterAll(async () => {
  for (const w of workers) await w.stop();
  await h?.stop();
});

const PROP = 'zoho-connector-link';
/** Search horizon well above create latency + search lag (1.5 s + 1.5 s) even on a loaded box, yet short for a test. */
const WORKER_ENV = { ZOHO_BUDGET_PER_2MIN: '150', AUTO_CREATE_SEARCH_HORIZON_MS: '15000' };

describe('auto-create across a worker crash', () => {
  it('a worker stopped while Jira creates are in flight: a new worker finishes the cycle with exactly one issue per record', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Crash intake', prefix: 'CI' });
    const ids = h.zoho.control.seedItems({ projectId, count: 8, namePrefix: 'Crash intake' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    // Slow creates: the worker is stopped while they are in flight; Jira still completes them.
    h.jira.control.injectFault({
      kind: 'latency',
      latencyMs: 1_500,
      method: 'POST',
      path: '/rest/api/3/issue',
      count: 8,
    });
    h.jira.control.clearCalls();

    workers.push(await startWorkerProcess(h, WORKER_ENV, { runtime: 'tsx', quiet: true }));
    const handle = await h.client.workflow.start('syncItem', {
      taskQueue: h.taskQueue,
      workflowId: `sync:${sciId}:crash-create`,
      args: [{ sciId }],
    });
    // Creates that reached Jira consume the latency rule; they wait 1.5 s there before Jira answers.
    const arrived = () => 8 - (h.jira.control.faults().find((f) => f.kind === 'latency')?.remaining ?? 0);
    const inFlight = await eventually(async () => (arrived() >= 3 ? arrived() : undefined), 'creates in flight');
    await workers[0].kill();
    const createdBeforeCrash = await eventually(async () => {
      const n = h.jira.control.calls().filter((c) => c.method === 'POST' && c.path === '/rest/api/3/issue').length;
      return n >= inFlight ? n : undefined; // the in-flight creates complete in Jira; their responses are lost
    }, 'the in-flight creates to land in Jira');
    expect(await h.prisma.link.count({ where: { sciId } })).toBeLessThan(createdBeforeCrash);
    workers.push(await startWorkerProcess(h, WORKER_ENV, { runtime: 'tsx', quiet: true }));
    const result = (await handle.result()) as SyncItemResult;

    expect(result.totals?.failed).toBe(0);
    const links = await h.prisma.link.findMany({ where: { sciId } });
    expect(links.map((l) => l.zohoRecordId).sort()).toEqual([...ids].sort());
    expect(new Set(links.map((l) => l.jiraIssueId)).size).toBe(ids.length);
    // Each link carries the write receipt of the summary it wrote (echo suppression), once.
    expect(
      await h.prisma.writeReceipt.count({ where: { linkId: { in: links.map((l) => l.id) }, field: 'summary' } }),
    ).toBe(ids.length);
    const creates = h.jira.control
      .calls()
      .filter(
        (c) => c.method === 'POST' && c.path === '/rest/api/3/issue' && (c as { status?: number }).status === 201,
      );
    expect(creates).toHaveLength(ids.length);
    // The new worker looked for the issues the dead one created (by issue property) instead of creating again.
    expect(h.jira.control.calls().some((c) => c.path.startsWith('/rest/api/3/search'))).toBe(true);
    // ...in the child workflows of the records the dead worker had claimed (at least those in flight).
    const children = await Promise.all(
      ids.map((id) =>
        h.client.workflow
          .getHandle(autoCreateWorkflowIdFor(sciId, id))
          .describe()
          .then(
            (d) => d.status.name,
            () => null,
          ),
      ),
    );
    expect(children.filter((s) => s === 'COMPLETED').length).toBeGreaterThanOrEqual(inFlight);
    const found = await eventually(async () => {
      const res = await h.jiraApi.searchJql({
        jql: `issue.property[${PROP}].sciId = "${sciId}"`,
        fields: ['summary'],
        maxResults: 100,
      });
      return res.issues.length >= ids.length ? res.issues : undefined;
    }, 'search to show every created issue');
    expect(found).toHaveLength(ids.length);
  }, 120_000);
});
