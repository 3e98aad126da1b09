/**
 * Items reading one Zoho source share a schedule offset, so their cycles run together and the
 * shared page scan (activities/pull.ts) serves both: ONE Zoho list call per cycle, not one per
 * item. Regression: ScheduledItem.zohoSource was never passed, so every item got its own offset.
 */
import { deleteSchedule, scheduledItemOf, triggerSyncNow, upsertSchedule } from '../../server/temporal/schedules';
import { scheduleIdFor } from '../../workflows/ids';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { sharedScanTtlMs: 60_000 } });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const LIST_TASKS = 'GET /api/v3/portal/:portalId/projects/:projectId/tasks';
// Long enough that the schedules do not fire on their own while the test triggers them.
const INTERVAL_MS = 60 * 60_000;

async function offsetOf(sciId: string): Promise<number | undefined> {
  const d = await h.client.schedule.getHandle(scheduleIdFor(sciId)).describe();
  return d.spec.intervals?.[0]?.offset;
}

describe('schedules of items on one Zoho source', () => {
  it('two items on one Zoho source get the same offset and cost one page scan per cycle', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Shared source', prefix: 'SH' });
    h.zoho.control.seedItems({ projectId, count: 5 });
    const sciIds = await Promise.all(
      ['a', 'b'].map((name) =>
        createSci(h.prisma, { installationId: h.installationId, mode: 'one_way', projectId, name }),
      ),
    );
    for (const id of sciIds) {
      const row = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id } });
      await upsertSchedule(h.client, scheduledItemOf(row, 'active'), {
        taskQueue: h.taskQueue,
        intervalMs: INTERVAL_MS,
      });
    }
    try {
      const [a, b] = await Promise.all(sciIds.map(offsetOf));
      expect(a).toEqual(expect.any(Number));
      expect(b).toBe(a);

      // The cycle the shared offset starts: both schedules fire together.
      h.zoho.control.clearCallLog();
      await Promise.all(sciIds.map((id) => triggerSyncNow(h.client, id)));
      const runs = await eventually(async () => {
        const done = await h.prisma.syncRun.findMany({ where: { sciId: { in: sciIds }, status: { not: 'running' } } });
        return done.length === 2 && done;
      }, 'a finished SyncRun of both items');
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(h.zoho.control.countCalls({ endpoint: LIST_TASKS })).toBe(1);
    } finally {
      await Promise.all(sciIds.map((id) => deleteSchedule(h.client, id)));
    }
  });
});
