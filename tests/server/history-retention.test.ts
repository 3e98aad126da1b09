/**
 * Sync history is kept for SYNC_HISTORY_RETENTION_DAYS (30 by default) and then pruned by the
 * server's hourly retention: older rows go, newer ones stay, in every installation.
 */
import { randomUUID } from 'node:crypto';
import { loadServerConfig } from '../../server/config';
import { createHistoryRetention } from '../../store/sync-history-retention';
import { insertHistory } from '../../store/sync-history';
import { startServerHarness, type ServerHarness } from '../support/server-harness';
import { DEV_APP_ID, type FitTarget } from '../support/fit';

let h: ServerHarness;
let t: FitTarget;
beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  await h.prisma.installation.create({
    data: { id: t.installationId, apiBaseUrl: t.apiBaseUrl, siteUrl: t.siteUrl, cloudId: t.cloudId },
  });
});
afterAll(async () => {
  await h?.close();
});

const DAY = 24 * 60 * 60_000;

describe('sync history retention', () => {
  it('defaults to 30 days and refuses a value below one day, naming the variable', () => {
    expect(h.config.syncHistoryRetentionDays).toBe(30);
    expect(() =>
      loadServerConfig({ ...process.env, FORGE_APP_ID: DEV_APP_ID, SYNC_HISTORY_RETENTION_DAYS: '0' }),
    ).toThrow(/SYNC_HISTORY_RETENTION_DAYS/);
  });

  it('rows older than the retention are pruned, newer ones kept', async () => {
    const now = Date.now();
    const linkId = randomUUID();
    const row = (ageDays: number, field: string) => ({
      installationId: t.installationId,
      linkId,
      sciId: randomUUID(),
      jiraIssueId: '10001',
      at: new Date(now - ageDays * DAY),
      direction: 'zoho_to_jira' as const,
      kind: 'field_update' as const,
      field,
      from: 'a',
      to: 'b',
      why: 'owner' as const,
      detail: null,
      workflowId: null,
      runId: null,
    });
    await insertHistory(h.prisma, [row(31, 'old'), row(29, 'recent'), row(0, 'today')]);
    const retention = createHistoryRetention(h.prisma, { keepDays: 30, now: () => now });
    expect(await retention.prune()).toBeGreaterThanOrEqual(1);
    const left = await h.prisma.syncHistoryEntry.findMany({ where: { linkId }, orderBy: { at: 'asc' } });
    expect(left.map((r) => r.field)).toEqual(['recent', 'today']);
  });
});
