/**
 * Admin API of the drift check, the cadence and health, over real HTTP with the simulators and the
 * real Temporal dev server: the item's cadence drives its schedule (one minute only with
 * server-side filtering), the budget cost is answered before saving, "Reconcile now" triggers the
 * drift-check Schedule, and /health reports the Zoho window, the outbox, errors and next runs.
 */
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { reconcileScheduleIdFor, scheduleIdFor } from '../../workflows/ids';
import { adminFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let t: FitTarget;
beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  const code = h.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
  const res = await admin('PUT', '/api/admin/connection', {
    dataCenter: 'us',
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    code,
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

async function admin(method: string, path: string, body?: unknown) {
  return h.call(method, path, {
    fit: await adminFit(t),
    body,
    headers: { 'x-forge-oauth-system': 'sim-system-token' },
  });
}
const SOURCE = { zohoPortalId: DEMO_PORTAL_ID, zohoProjectId: DEMO_PROJECT_IDS.website, zohoModule: 'tasks' };
const item = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  mode: 'one_way',
  ...SOURCE,
  jiraProjectIds: ['10000'],
  jiraProjectKeys: ['OPS'],
  jiraIssueTypeId: '10001',
  mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
  ...extra,
});

describe('cadence and drift check', () => {
  it('a one-minute cadence drives the sync schedule; the drift check gets its own daily Schedule', async () => {
    const res = await admin('POST', '/api/admin/items', item('Fast lane', { zohoCadenceMinutes: 1 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ zohoCadenceMinutes: 1, reconcileEveryHours: 24 });
    const sync = await h.temporal.schedule.getHandle(scheduleIdFor(res.body.id)).describe();
    expect(sync.spec.intervals?.[0]?.every).toBe(60_000);
    const check = await h.temporal.schedule.getHandle(reconcileScheduleIdFor(res.body.id)).describe();
    expect(check.spec.intervals?.[0]?.every).toBe(24 * 60 * 60_000);

    const updated = await admin('PUT', `/api/admin/items/${res.body.id}`, item('Fast lane', { zohoCadenceMinutes: 3 }));
    expect(updated.status).toBe(200);
    const after = await h.temporal.schedule.getHandle(scheduleIdFor(res.body.id)).describe();
    expect(after.spec.intervals?.[0]?.every).toBe(3 * 60_000);
  });

  it('the budget cost of a cadence is answered before saving, for the item and the whole connection', async () => {
    const q = new URLSearchParams({ ...SOURCE, cadenceMinutes: '1' });
    const res = await admin('GET', `/api/admin/zoho-budget-cost?${q}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cadenceMinutes: 1,
      allowed: true,
      serverOrdering: true,
      itemCallsPerWindow: 2,
      budgetPerWindow: h.config.zohoBudgetPer2Min,
      windowSeconds: 120,
      fits: true,
    });
    expect(res.body.connectionCallsPerWindow).toBeGreaterThanOrEqual(2);
  });

  it('"Reconcile now" triggers the drift check; display-only items have none', async () => {
    const created = await admin('POST', '/api/admin/items', item('Reconciled'));
    const res = await admin('POST', `/api/admin/items/${created.body.id}/reconcile`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ scheduleId: `reconcile:${created.body.id}` });
    const d = await h.temporal.schedule.getHandle(reconcileScheduleIdFor(created.body.id)).describe();
    expect(d.info.recentActions.length + d.info.runningActions.length).toBeGreaterThanOrEqual(1);

    const shown = await admin('POST', '/api/admin/items', {
      name: 'Shown only',
      mode: 'display_only',
      ...SOURCE,
      jiraProjectIds: ['10000'],
      displayFields: ['name'],
    });
    const refused = await admin('POST', `/api/admin/items/${shown.body.id}/reconcile`);
    expect(refused.status).toBe(409);
  });
});

describe('health', () => {
  it("reports the Zoho window, Jira 429s, the outbox, last errors and each item's next runs", async () => {
    expect((await admin('GET', '/api/admin/zoho/portals')).status).toBe(200); // one interactive Zoho call
    const res = await admin('GET', '/api/admin/health');
    expect(res.status).toBe(200);
    expect(res.body.zoho).toMatchObject({
      limit: h.config.zohoBudgetPer2Min,
      backgroundLimit: expect.any(Number),
      windowSeconds: 120,
      pausedUntil: null,
    });
    // The wizard's metadata call went through the shared window (server = interactive lane).
    expect(res.body.zoho.callsInWindow).toBeGreaterThan(0);
    expect(res.body.zoho.interactiveCalls).toBe(res.body.zoho.callsInWindow);
    expect(res.body.jira.throttled429s).toBeGreaterThanOrEqual(0);
    expect(res.body.outbox).toEqual({ backlog: expect.any(Number), oldestAgeSeconds: expect.any(Number) });
    const fast = res.body.items.find((i: { name: string }) => i.name === 'Fast lane');
    expect(fast).toMatchObject({ zohoCadenceMinutes: 3 });
    expect(Date.parse(fast.nextSync)).toBeGreaterThan(Date.now() - 1000);
    expect(Date.parse(fast.nextSync)).toBeLessThanOrEqual(Date.now() + 3 * 60_000 + 1000);
    expect(Date.parse(fast.nextReconcile)).toBeLessThanOrEqual(Date.now() + 24 * 60 * 60_000 + 1000);
    const shown = res.body.items.find((i: { name: string }) => i.name === 'Shown only');
    expect(shown).toMatchObject({ nextSync: null, nextReconcile: null });
  });

  it('is in /openapi.json with the other new routes', async () => {
    const res = await h.call('GET', '/openapi.json');
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/admin/health',
        '/api/admin/zoho-budget-cost',
        '/api/admin/items/{id}/reconcile',
        '/api/admin/items/{id}/zoho-webhook',
      ]),
    );
  });
});

describe('Zoho webhook', () => {
  it('a valid per-item token starts the cycle at once; a burst starts one; a wrong or revoked token is refused', async () => {
    const created = await admin('POST', '/api/admin/items', item('Webhook item'));
    const on = await admin('POST', `/api/admin/items/${created.body.id}/zoho-webhook`);
    expect(on.body).toMatchObject({
      enabled: true,
      path: expect.stringMatching(/^\/webhooks\/zoho\/[0-9a-f-]+\?token=[\w-]{32}$/),
    });
    const path: string = on.body.path;
    // Only the token's digest is kept; the grid knows the webhook is on.
    const stored = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.zohoWebhookToken).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stored.zohoWebhookToken).not.toContain(path.split('?token=')[1]);
    const listed = await admin('GET', '/api/admin/items');
    expect(listed.body.items.find((i: { id: string }) => i.id === created.body.id).zohoWebhook).toBe(true);

    const wrong = await h.call('POST', path.replace(/token=.*/, 'token=not-the-token'), { body: { issue_id: '1' } });
    expect(wrong.status).toBe(401);
    const form = 'issue_id=2447529000000057190&action=updated';
    const first = await h.call('POST', path, {
      raw: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: true, triggered: true });
    const burst = await h.call('POST', path, { body: { issue_id: '2447529000000057190' } });
    expect(burst.body).toEqual({ accepted: true, triggered: false });
    const d = await h.temporal.schedule.getHandle(scheduleIdFor(created.body.id)).describe();
    expect(d.info.recentActions).toHaveLength(1); // one cycle for the burst

    // The token may also come as a body parameter (a Zoho "custom parameter").
    const [base, token] = path.split('?token=');
    const asParam = await h.call('POST', base, { body: { token } });
    expect(asParam.status).toBe(202);

    await admin('DELETE', `/api/admin/items/${created.body.id}/zoho-webhook`);
    expect((await h.call('POST', path, { body: {} })).status).toBe(401);
    // A stored value that is not a digest (e.g. a hand-edited row) never matches, even itself.
    await h.prisma.smartConnectedItem.update({ where: { id: created.body.id }, data: { zohoWebhookToken: token } });
    expect((await h.call('POST', path, { body: {} })).status).toBe(401);
  });
});
