/** Uninstall keeps data; the purge command deletes one installation's data and schedules, nobody else's. */
import { ScheduleNotFoundError } from '@temporalio/client';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { purgeInstallation } from '../../server/services/purge-installation';
import { scheduleIdFor } from '../../workflows/ids';
import { adminFit, eventFit } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServerHarness();
});
afterAll(async () => {
  await h?.close();
});

const body = {
  name: 'to purge',
  mode: 'one_way',
  zohoPortalId: DEMO_PORTAL_ID,
  zohoProjectId: DEMO_PROJECT_IDS.website,
  zohoModule: 'tasks',
  jiraProjectIds: ['10000'],
  jiraIssueTypeId: '10001',
};

it("purges an uninstalled installation's rows and schedules and leaves others untouched", async () => {
  const [gone, kept] = [h.newTarget(), h.newTarget()];
  const ids: Record<string, string> = {};
  for (const [label, t] of [
    ['gone', gone],
    ['kept', kept],
  ] as const) {
    ids[label] = (await h.call('POST', '/api/admin/items', { fit: await adminFit(t), body })).body.id;
  }
  await expect(purgeInstallation({ prisma: h.prisma, temporal: h.temporal }, gone.installationId)).rejects.toThrow(
    /still installed/,
  );
  await h.call('POST', '/forge/pre-uninstall', { fit: await eventFit(gone, 'zoho-connector-pre-uninstall'), body: {} });
  const result = await purgeInstallation({ prisma: h.prisma, temporal: h.temporal }, gone.installationId);
  expect(result).toMatchObject({ items: 1, schedulesDeleted: 1 });
  expect(await h.prisma.installation.findUnique({ where: { id: gone.installationId } })).toBeNull();
  expect(await h.prisma.smartConnectedItem.count({ where: { installationId: gone.installationId } })).toBe(0);
  await expect(h.temporal.schedule.getHandle(scheduleIdFor(ids.gone)).describe()).rejects.toBeInstanceOf(
    ScheduleNotFoundError,
  );
  expect(await h.prisma.smartConnectedItem.count({ where: { installationId: kept.installationId } })).toBe(1);
  await h.temporal.schedule.getHandle(scheduleIdFor(ids.kept)).delete();
});
