/**
 * Regression: after an admin revoked Zoho and connected it again with a new code, every later
 * background cycle failed with "Zoho no longer accepts the saved connection … Reconnect" until the
 * worker was restarted (it kept the old client and refresh token). The worker here builds its Zoho
 * clients from the stored connection through its own client registry, as worker/main.ts does.
 */
import { deleteSchedule, scheduledItemOf, triggerSyncNow, upsertSchedule } from '../../server/temporal/schedules';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ storedConnection: true });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function finishedRuns(sciId: string, count: number) {
  return eventually(async () => {
    const runs = await h.prisma.syncRun.findMany({
      where: { sciId, status: { not: 'running' } },
      orderBy: { startedAt: 'asc' },
    });
    return runs.length >= count ? runs : undefined;
  }, `${count} finished SyncRun(s)`);
}

describe('reconnecting Zoho keeps background sync running', () => {
  it('regression: a scheduled cycle succeeds after revoke and reconnect with a new code, without restarting the worker', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Reconnect proof', prefix: 'RP' });
    h.zoho.control.seedItems({ projectId, count: 3 });
    const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'one_way', projectId });
    const row = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: sciId } });
    await upsertSchedule(h.client, scheduledItemOf(row, 'active'), { taskQueue: h.taskQueue });
    try {
      await triggerSyncNow(h.client, sciId);
      const [before] = await finishedRuns(sciId, 1);
      expect(before.status).toBe('succeeded');

      await h.connections!.revoke(h.installationId);
      await h.connectZoho!();

      await triggerSyncNow(h.client, sciId);
      const runs = await finishedRuns(sciId, 2);
      expect(runs[1].status).toBe('succeeded');
      expect(runs[1].zohoCalls).toBeGreaterThanOrEqual(1);
    } finally {
      await deleteSchedule(h.client, sciId);
    }
  });
});
