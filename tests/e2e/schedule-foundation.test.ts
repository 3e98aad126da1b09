/**
 * The foundation's proof: a Temporal Schedule for an SCI, triggered now, runs the sync workflow,
 * whose activity reads from the Zoho simulator and writes a SyncRun row.
 */
import { deleteSchedule, scheduledItemOf, triggerSyncNow, upsertSchedule } from '../../server/temporal/schedules';
import { scheduleIdFor } from '../../workflows/ids';
import { SEARCH_ATTRIBUTES } from '../../temporal.config';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describe('scheduled sync of a Smart Connected Item', () => {
  it('a schedule triggered now runs syncItem, which reads Zoho and records a SyncRun', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Schedule proof', prefix: 'SP' });
    h.zoho.control.seedItems({ projectId, count: 3 });
    const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'one_way', projectId });
    const row = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: sciId } });
    await upsertSchedule(h.client, scheduledItemOf(row, 'active'), { taskQueue: h.taskQueue });
    try {
      const desc = await h.client.schedule.getHandle(scheduleIdFor(sciId)).describe();
      expect(desc.state.paused).toBe(false);
      expect(desc.policies.catchupWindow).toBe(10 * 60_000);
      expect(desc.policies.overlap).toBe('SKIP');

      await triggerSyncNow(h.client, sciId);
      const run = await eventually(
        () => h.prisma.syncRun.findFirst({ where: { sciId, status: { not: 'running' } } }),
        'a finished SyncRun',
      );
      expect(run.status).toBe('succeeded');
      expect(run.kind).toBe('scheduled');
      expect(run.zohoCalls).toBeGreaterThanOrEqual(1);
      expect(run.jiraCalls).toBe(0);
      expect(run.workflowId.startsWith(`sync:${sciId}`)).toBe(true);
      expect(h.zohoCalls.some((c) => c.includes(`/projects/${projectId}/tasks`))).toBe(true);

      // The run is findable by the operator's search attributes.
      const wf = await h.client.workflow.getHandle(run.workflowId, run.runId).describe();
      const attrs = wf.searchAttributes as Record<string, unknown[]>;
      expect(attrs[SEARCH_ATTRIBUTES.sci]).toEqual([sciId]);
      expect(attrs[SEARCH_ATTRIBUTES.installation]).toEqual([h.installationId]);
    } finally {
      await deleteSchedule(h.client, sciId);
    }
  });

  it('a disabled SCI gets a paused schedule', async () => {
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId: '2447529000000057070',
      enabled: false,
    });
    const row = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: sciId } });
    await upsertSchedule(h.client, scheduledItemOf(row, 'active'), { taskQueue: h.taskQueue });
    try {
      expect((await h.client.schedule.getHandle(scheduleIdFor(sciId)).describe()).state.paused).toBe(true);
      await upsertSchedule(h.client, { ...scheduledItemOf(row, 'active'), enabled: true }, { taskQueue: h.taskQueue });
      expect((await h.client.schedule.getHandle(scheduleIdFor(sciId)).describe()).state.paused).toBe(false);
    } finally {
      await deleteSchedule(h.client, sciId);
    }
  });
});
