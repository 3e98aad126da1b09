/**
 * Tenants are isolated: installation A can neither read nor change B's data. Secrets (Zoho client
 * secret, refresh/access tokens, Jira system token) never appear in any response or log line.
 */
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { scheduleIdFor } from '../../workflows/ids';
import { adminFit, panelFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let a: FitTarget;
let b: FitTarget;
const SYSTEM_TOKEN = 'sim-system-token';
const bodies: string[] = [];
const itemIds: string[] = [];

async function as(t: FitTarget, method: string, path: string, body?: unknown) {
  const res = await h.call(method, path, {
    fit: await adminFit(t),
    body,
    headers: { 'x-forge-oauth-system': SYSTEM_TOKEN },
  });
  bodies.push(res.text);
  return res;
}
const item = (name: string) => ({
  name,
  mode: 'display_only',
  zohoPortalId: DEMO_PORTAL_ID,
  zohoProjectId: DEMO_PROJECT_IDS.website,
  zohoModule: 'tasks',
  jiraProjectIds: ['10000'],
  displayFields: ['name'],
});

beforeAll(async () => {
  h = await startServerHarness();
  a = h.newTarget();
  b = h.newTarget();
  for (const t of [a, b]) {
    const code = h.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
    expect(
      (
        await as(t, 'PUT', '/api/admin/connection', {
          dataCenter: 'us',
          clientId: DEMO_CLIENT_ID,
          clientSecret: DEMO_CLIENT_SECRET,
          code,
        })
      ).status,
    ).toBe(200);
  }
});
afterAll(async () => {
  for (const id of itemIds)
    await h.temporal.schedule
      .getHandle(scheduleIdFor(id))
      .delete()
      .catch(() => undefined);
  await h?.close();
});

describe('installation isolation', () => {
  it("installation A can neither read nor change B's items or links", async () => {
    const bItem = (await as(b, 'POST', '/api/admin/items', item('B only'))).body;
    itemIds.push(bItem.id);
    expect((await as(a, 'GET', '/api/admin/items')).body.items.map((i: { id: string }) => i.id)).not.toContain(
      bItem.id,
    );
    expect((await as(a, 'GET', `/api/admin/items/${bItem.id}`)).status).toBe(404);
    expect((await as(a, 'PUT', `/api/admin/items/${bItem.id}`, item('hijacked'))).status).toBe(404);
    expect((await as(a, 'POST', `/api/admin/items/${bItem.id}/disable`)).status).toBe(404);
    expect((await as(a, 'POST', `/api/admin/items/${bItem.id}/sync-now`)).status).toBe(404);
    expect((await as(a, 'DELETE', `/api/admin/items/${bItem.id}`)).status).toBe(404);
    const still = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: bItem.id } });
    expect(still).toMatchObject({ name: 'B only', enabled: true, installationId: b.installationId });

    const issue = { id: '10040', key: 'OPS-1' };
    const recordId = String(
      h.zoho.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Isolated record' }).id,
    );
    const linkAsA = await h.call('POST', `/api/panel/items/${bItem.id}/link`, {
      fit: await panelFit(a, issue, { id: '10000', key: 'OPS' }),
      body: { zohoRecordId: recordId },
      headers: { 'x-forge-oauth-system': SYSTEM_TOKEN },
    });
    expect(linkAsA.status).toBe(404);
    expect(await h.prisma.link.count({ where: { sciId: bItem.id } })).toBe(0);
    const panelA = await h.call('GET', '/api/panel/items', {
      fit: await panelFit(a, { ...issue, typeId: '10001' }, { id: '10000', key: 'OPS' }),
    });
    expect(panelA.body.items).toEqual([]);
  });

  it("revoking A's connection leaves B connected", async () => {
    await as(a, 'DELETE', '/api/admin/connection');
    expect((await as(b, 'GET', '/api/admin/connection')).body.connected).toBe(true);
    expect((await as(a, 'GET', '/api/admin/connection')).body.connected).toBe(false);
  });
});

describe('secrets never leave the server', () => {
  it('no response and no log line contains the client secret, a Zoho token or the Jira system token', async () => {
    const failing = await as(b, 'PUT', '/api/admin/connection', {
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecret: 'another-secret-xyz',
      code: 'bogus-code-1234',
    });
    expect(failing.status).toBe(400);
    const row = await h.prisma.zohoConnection.findUniqueOrThrow({ where: { installationId: b.installationId } });
    const secrets = [DEMO_CLIENT_SECRET, 'another-secret-xyz', 'bogus-code-1234', SYSTEM_TOKEN];
    const { createSecretBox } = await import('../../store/secrets');
    const box = createSecretBox();
    secrets.push(box.open(row.refreshTokenEnc));
    if (row.accessTokenEnc) secrets.push(box.open(row.accessTokenEnc));
    const everything = [...bodies, ...h.logs].join('\n');
    expect(h.logs.length).toBeGreaterThan(5);
    for (const s of secrets) expect(everything).not.toContain(s);
  });
});
