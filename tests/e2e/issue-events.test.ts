/**
 * The issue's entity workflow: a lone Jira event reaches Zoho at once (no coalescing timer on its
 * path) through ONE activity per batch, which also records the batch's SyncRun; events arriving
 * while a batch is being applied are applied together afterwards, each counted exactly once.
 */
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { issueEventsStatusQuery } from '../../workflows/signals';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';
import { alice, jiraEvent, linkedPair, zohoRecord } from './support/world';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 60_000);
afterAll(async () => { await h?.stop(); });

async function twoWayPair(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'two_way', projectId,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }] });
  return { sciId, pair: await linkedPair(h, { sciId, projectId, name }) };
}

const eventTypes = async (workflowId: string) =>
  ((await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map((e) => e.eventType);

describe('issue events entity workflow', () => {
  it('applies a lone event at once, in one activity that also records the SyncRun', async () => {
    const { sciId, pair } = await twoWayPair('Lone event');
    alice(h).editIssue(pair.issueId, { summary: 'Lone event, edited in Jira' });
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary'] });
    const workflowId = issueEventsWorkflowIdFor(h.installationId, pair.issueId);
    const handle = h.client.workflow.getHandle(workflowId);
    await eventually(async () => (await handle.query(issueEventsStatusQuery)).applied === 1, 'the event applied');
    expect(zohoRecord(h, pair.recordId).name).toBe('Lone event, edited in Jira');

    const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
    const activities = (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(activities).toEqual(['applyJiraEvents']);
    const types = await eventTypes(workflowId);
    const firstActivity = types.findIndex((t) => String(t) === '10'); // ACTIVITY_TASK_SCHEDULED
    expect(types.slice(0, firstActivity).map(String)).not.toContain('18'); // no TIMER_FIRED before the first apply

    const runs = await h.prisma.syncRun.findMany({ where: { sciId, kind: 'event' } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ workflowId, status: 'succeeded', updated: 1 });
  });

  it('applies events that arrive during a batch together afterwards, each counted once', async () => {
    const { pair } = await twoWayPair('Busy issue');
    const workflowId = issueEventsWorkflowIdFor(h.installationId, pair.issueId);
    // A slow Zoho keeps the first batch busy while the other seven events arrive.
    const slow = h.zoho.control.injectFault({ kind: 'latency', latencyMs: 700, times: Infinity });
    for (let i = 1; i <= 8; i += 1) {
      alice(h).editIssue(pair.issueId, { summary: `Busy issue v${i}` });
      await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary'] });
    }
    const handle = h.client.workflow.getHandle(workflowId);
    const status = await eventually(async () => {
      const s = await handle.query(issueEventsStatusQuery);
      return s.applied === 8 ? s : undefined;
    }, 'all eight events applied');
    h.zoho.control.removeFault(slow);
    expect(status).toEqual({ received: 8, applied: 8, pending: 0 });
    expect(zohoRecord(h, pair.recordId).name).toBe('Busy issue v8');
    const batches = (await eventTypes(workflowId)).filter((t) => String(t) === '10').length;
    expect(batches).toBeGreaterThanOrEqual(2); // the first event did not wait for the others
    expect(batches).toBeLessThanOrEqual(3); // the others were applied together
  });
});
