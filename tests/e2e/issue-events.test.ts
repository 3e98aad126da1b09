/**
 * The issue's entity workflow: a lone Jira event reaches Zoho at once (no coalescing timer on its
 * path) through ONE (local) activity per batch, which also records the batch's SyncRun; events arriving
 * while a batch is being applied are applied together afterwards, each counted exactly once. Events
 * from the server's outbox relay carry their receipt id: a re-sent event is applied once.
 */
import { createEventIntake } from '../../server/events/intake';
import { createEventRelay } from '../../server/events/relay';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { issueEventsStatusQuery } from '../../workflows/signals';
import { eventually, startHarness, type Harness } from './support/harness';
import { activitiesRun, firstActivityIndex } from './support/history';
import { createSci } from './support/sci';
import { alice, jiraEvent, linkedPair, zohoRecord } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function twoWayPair(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
  });
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
    expect(activitiesRun(history)).toEqual(['applyJiraEvents']);
    const types = await eventTypes(workflowId);
    const firstActivity = firstActivityIndex(history);
    expect(firstActivity).toBeGreaterThan(0);
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
    expect(status).toEqual({ received: 8, applied: 8, pending: 0, duplicates: 0 });
    expect(zohoRecord(h, pair.recordId).name).toBe('Busy issue v8');
    const batches = activitiesRun(await h.client.workflow.getHandle(workflowId).fetchHistory()).length;
    expect(batches).toBeGreaterThanOrEqual(2); // the first event did not wait for the others
    expect(batches).toBeLessThanOrEqual(3); // the others were applied together
  });

  it('applies an event once when the relay re-sends it after a crash between the signal and marking it signalled', async () => {
    const { pair } = await twoWayPair('Resent event');
    const relay = createEventRelay({ prisma: h.prisma, temporal: h.client, taskQueue: h.taskQueue });
    const intake = createEventIntake({ prisma: h.prisma, relay });
    alice(h).editIssue(pair.issueId, { summary: 'Resent event, applied once' });
    const deliveryKey = `e2e:resent:${pair.issueId}:${Date.now()}`;
    const signal = {
      kind: 'issue_updated' as const,
      installationId: h.installationId,
      jiraIssueId: pair.issueId,
      jiraIssueKey: 'OPS-?',
      changedFieldIds: ['summary'],
      occurredAt: new Date().toISOString(),
    };
    expect(await intake(h.installationId, 'forge', { deliveryKey, eventType: 'avi:jira:updated:issue', signal })).toBe(
      'accepted',
    );
    await relay.idle();
    const handle = h.client.workflow.getHandle(issueEventsWorkflowIdFor(h.installationId, pair.issueId));
    await eventually(async () => (await handle.query(issueEventsStatusQuery)).applied === 1, 'the event applied');
    const where = { installationId: h.installationId, deliveryKey };
    expect((await h.prisma.eventReceipt.findFirstOrThrow({ where })).state).toBe('signalled');

    // The crash: Temporal holds the signal but the row was never marked, and the process's lease ran out.
    await h.prisma.eventReceipt.updateMany({
      where,
      data: { state: 'pending', signalledAt: null, claimedAt: new Date(Date.now() - 60_000) },
    });
    await eventually(async () => {
      await relay.sweep(); // any server's sweeper may take it: the entity's run is open, so the signal reaches it
      await relay.idle();
      return (await h.prisma.eventReceipt.findFirstOrThrow({ where })).state === 'signalled';
    }, 'the re-sent event marked signalled');
    await relay.close();
    const status = await eventually(async () => {
      const s = await handle.query(issueEventsStatusQuery);
      return s.duplicates === 1 ? s : undefined;
    }, 'the re-send ignored');
    expect(status).toEqual({ received: 1, applied: 1, pending: 0, duplicates: 1 });
    expect(zohoRecord(h, pair.recordId).name).toBe('Resent event, applied once');
  });
});
