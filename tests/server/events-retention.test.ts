/**
 * Delivery receipts are kept as long as they are useful (duplicates absorbed, operators can look
 * back) and then pruned: settled ones past the retention go, pending ones never do (they still have
 * to reach their workflow).
 */
import { randomUUID } from 'node:crypto';
import { pruneEventReceipts } from '../../server/events/receipt-retention';
import { startServerHarness, type ServerHarness } from '../support/server-harness';
import type { FitTarget } from '../support/fit';

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

async function receipt(state: string, ageMs: number): Promise<string> {
  const row = await h.prisma.eventReceipt.create({
    data: {
      installationId: t.installationId,
      deliveryKey: `retention-${randomUUID()}`,
      source: 'forge',
      eventType: 'avi:jira:updated:issue',
      state,
      receivedAt: new Date(Date.now() - ageMs),
      // A pending row is leased as if a relay were sending it: the harness's sweeper leaves it alone.
      ...(state === 'pending' ? { claimedAt: new Date() } : {}),
    },
  });
  return row.id;
}

describe('event receipt retention', () => {
  it('deletes settled receipts past the retention, keeps recent ones and every pending one', async () => {
    const old = await Promise.all(['signalled', 'not_linked', 'ignored', 'invalid'].map((s) => receipt(s, 8 * DAY)));
    const oldPending = await receipt('pending', 8 * DAY);
    const recent = await receipt('signalled', 2 * DAY);
    const deleted = await pruneEventReceipts(h.prisma, new Date(Date.now() - 7 * DAY), 2);
    expect(deleted).toBeGreaterThanOrEqual(old.length);
    const left = await h.prisma.eventReceipt.findMany({
      where: { id: { in: [...old, oldPending, recent] } },
      select: { id: true },
    });
    expect(left.map((r) => r.id).sort()).toEqual([oldPending, recent].sort());
  });

  it('the server prunes on its own schedule with EVENT_RECEIPT_RETENTION_DAYS', async () => {
    expect(h.config.eventReceiptRetentionDays).toBe(7);
    const old = await receipt('signalled', 30 * DAY);
    expect(await h.app.receiptRetention.prune()).toBeGreaterThanOrEqual(1);
    expect(await h.prisma.eventReceipt.count({ where: { id: old } })).toBe(0);
  });
});
