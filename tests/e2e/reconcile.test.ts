/**
 * Reconciliation through the real stack: a Zoho edit stamped behind the incremental cursor (the
 * modified-time filter misses it) and a Jira edit whose event was lost are both found by the drift
 * check and repaired by the owners; a clean run finds nothing. The drift-check Schedule
 * ("reconcile:<id>") exists beside the sync schedule and "Reconcile now" runs it.
 */
import { reconcileScheduleIdFor } from '../../workflows/ids';
import type { ReconcileItemResult } from '../../workflows/reconcile-item';
import { triggerReconcileNow } from '../../server/temporal/reconcile-schedule';
import { deleteSchedule, scheduledItemOf, upsertSchedule } from '../../server/temporal/schedules';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { alice, linkedPair, zohoRecord } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const DAY = 24 * 60 * 60_000;
let seq = 0;
const reconcile = (sciId: string) =>
  h.client.workflow.execute('reconcileItem', {
    taskQueue: h.taskQueue,
    workflowId: `reconcile:${sciId}:test-${++seq}-${Date.now()}`,
    args: [{ sciId }],
  }) as Promise<ReconcileItemResult>;
const summaryOf = async (issueId: string) => (await h.jiraApi.getIssue(issueId, ['summary']))!.fields.summary;

async function twoWayItem(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    name,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'both' }],
  });
  return { projectId, sciId };
}

describe('reconciliation', () => {
  it('finds and repairs a Zoho edit the cursor missed and a lost Jira event; a clean run finds 0', async () => {
    const { projectId, sciId } = await twoWayItem('Drift check');
    const missed = await linkedPair(h, { sciId, projectId, name: 'Missed in Zoho' });
    const lost = await linkedPair(h, { sciId, projectId, name: 'Lost in Jira' });
    await linkedPair(h, { sciId, projectId, name: 'Untouched' });
    await runCycle(h.client, h.taskQueue, sciId); // baselines

    // Zoho: an edit stamped two days back (behind the cursor and its overlap).
    h.zoho.control.advanceTime(-2 * DAY);
    h.zoho.control.editRecord(missed.recordId, { name: 'Edited behind the cursor' });
    h.zoho.control.advanceTime(2 * DAY);
    // Jira: an edit whose event never reached us (no signal is sent).
    alice(h).editIssue(lost.issueId, { summary: 'Edited while we were down' });

    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals?.updated).toBe(0); // the incremental cycle cannot see either change
    expect(await summaryOf(missed.issueId)).toBe('Missed in Zoho');

    const run = await reconcile(sciId);
    expect(run).toMatchObject({ status: 'succeeded', linksChecked: 3, driftFound: 2, driftFixed: 2 });
    expect(await summaryOf(missed.issueId)).toBe('Edited behind the cursor');
    expect(zohoRecord(h, lost.recordId).name).toBe('Edited while we were down');

    const row = await h.prisma.syncRun.findUnique({ where: { id: run.syncRunId! } });
    expect(row).toMatchObject({ kind: 'reconcile', status: 'succeeded', driftFound: 2, driftFixed: 2, updated: 2 });

    const clean = await reconcile(sciId);
    expect(clean).toMatchObject({ status: 'succeeded', linksChecked: 3, driftFound: 0, driftFixed: 0 });
    // The repair left baselines the incremental cycle agrees with: nothing echoes back.
    const after = await runCycle(h.client, h.taskQueue, sciId);
    expect(after.totals?.updated).toBe(0);
  });

  it('a one-way item: Jira edited by hand drifts from the Zoho owner and is put back', async () => {
    const projectId = h.zoho.control.addProject({ name: 'One way drift', prefix: 'OW' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      name: 'One way drift',
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
    });
    const pair = await linkedPair(h, { sciId, projectId, name: 'Zoho owns this' });
    await runCycle(h.client, h.taskQueue, sciId);
    alice(h).editIssue(pair.issueId, { summary: 'Changed in Jira by hand' });
    const run = await reconcile(sciId);
    expect(run).toMatchObject({ driftFound: 1, driftFixed: 1 });
    expect(await summaryOf(pair.issueId)).toBe('Zoho owns this');
    expect(zohoRecord(h, pair.recordId).name).toBe('Zoho owns this');
  });

  it('the drift check has its own daily Schedule beside the sync schedule, and "Reconcile now" runs it', async () => {
    const { projectId, sciId } = await twoWayItem('Scheduled drift check');
    await linkedPair(h, { sciId, projectId, name: 'Scheduled pair' });
    const row = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: sciId } });
    const item = scheduledItemOf(row, 'active');
    try {
      await upsertSchedule(h.client, item, { taskQueue: h.taskQueue });
      const d = await h.client.schedule.getHandle(reconcileScheduleIdFor(sciId)).describe();
      expect(d.spec.intervals?.[0]?.every).toBe(DAY);
      expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconcileItem' });
      expect(d.state.paused).toBe(false);

      await triggerReconcileNow(h.client, sciId);
      const done = await eventually(
        () => h.prisma.syncRun.findFirst({ where: { sciId, kind: 'reconcile', finishedAt: { not: null } } }),
        'the triggered reconcile run',
      );
      expect(done).toMatchObject({ status: 'succeeded', driftFound: 0, driftFixed: 0 });
    } finally {
      await deleteSchedule(h.client, sciId);
    }
    await expect(h.client.schedule.getHandle(reconcileScheduleIdFor(sciId)).describe()).rejects.toThrow();
  });
});
