/**
 * Issue 12 §7 over the server: the admin pairs Zoho users with Jira accounts (Jira Cloud hides
 * most emails), searching both sides; admin auth only, zod at the boundary, scoped by installation.
 */
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID, DEMO_USERS } from '../../sim/zoho';
import { adminFit, panelFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let a: FitTarget;
let b: FitTarget;
const SYSTEM_TOKEN = { 'x-forge-oauth-system': 'sim-system-token' };
const HANA = 'acc-hidden-hana';
const [alex, priya] = DEMO_USERS;

async function as(t: FitTarget, method: string, path: string, body?: unknown) {
  return h.call(method, path, { fit: await adminFit(t), body, headers: SYSTEM_TOKEN });
}

beforeAll(async () => {
  h = await startServerHarness();
  // Jira Cloud hides most people's email: Hana's profile shows none.
  h.jira.state.users.set(HANA, { accountId: HANA, displayName: 'Hana Hidden', accountType: 'atlassian', active: true });
  a = h.newTarget();
  b = h.newTarget();
  for (const t of [a, b]) {
    const code = h.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const res = await as(t, 'PUT', '/api/admin/connection', {
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      code,
    });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await h?.close();
});

describe('admin: user mapping', () => {
  it('refuses calls without an admin Forge Invocation Token, and from the issue panel (401)', async () => {
    expect((await h.call('GET', `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`)).status).toBe(401);
    const fit = await panelFit(a, { id: '10001', key: 'OPS-1' });
    const res = await h.call('GET', `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`, {
      fit,
      headers: SYSTEM_TOKEN,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/admin page/);
  });

  it.each<[string, string, string, unknown]>([
    ['a list without a portal', 'GET', '/api/admin/user-mappings', undefined],
    ['a portal that is not a Zoho id', 'GET', '/api/admin/user-mappings?portalId=acme', undefined],
    ['a Jira search without text', 'GET', '/api/admin/user-mappings/jira-users?q=', undefined],
    [
      'a pair whose zpuid is not a Zoho id',
      'PUT',
      '/api/admin/user-mappings',
      { zohoPortalId: DEMO_PORTAL_ID, zohoUserId: 'sam', jiraAccountId: HANA },
    ],
    [
      'a pair without a Jira account',
      'PUT',
      '/api/admin/user-mappings',
      { zohoPortalId: DEMO_PORTAL_ID, zohoUserId: alex.zpuid },
    ],
    ['a removal of a malformed id', 'DELETE', '/api/admin/user-mappings/not-a-uuid', undefined],
  ])('answers 400 for %s (zod)', async (_name, method, path, body) => {
    const res = await as(a, method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('searches the portal’s Zoho users by name or email, and Jira users by name (email hidden shows as null)', async () => {
    const zoho = await as(a, 'GET', `/api/admin/user-mappings/zoho-users?portalId=${DEMO_PORTAL_ID}&q=PRIYA`);
    expect(zoho.status).toBe(200);
    expect(zoho.body.users).toEqual([{ zpuid: priya.zpuid, name: priya.name, email: priya.email, mappedTo: null }]);
    const all = await as(a, 'GET', `/api/admin/user-mappings/zoho-users?portalId=${DEMO_PORTAL_ID}`);
    expect(all.body.users).toHaveLength(DEMO_USERS.length);
    const jira = await as(a, 'GET', '/api/admin/user-mappings/jira-users?q=Hana');
    expect(jira.status).toBe(200);
    expect(jira.body.users).toEqual([{ accountId: HANA, displayName: 'Hana Hidden', emailAddress: null }]);
  });

  it('saves a pair with both sides’ names, shows it on the Zoho search, and a new pair of the same Jira account replaces the old', async () => {
    const saved = await as(a, 'PUT', '/api/admin/user-mappings', {
      zohoPortalId: DEMO_PORTAL_ID,
      zohoUserId: alex.zpuid,
      jiraAccountId: HANA,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      zohoUserId: alex.zpuid,
      zohoName: alex.name,
      zohoEmail: alex.email,
      jiraAccountId: HANA,
      jiraDisplayName: 'Hana Hidden',
    });
    const found = await as(a, 'GET', `/api/admin/user-mappings/zoho-users?portalId=${DEMO_PORTAL_ID}&q=alex`);
    expect(found.body.users[0].mappedTo).toBe(HANA);

    await as(a, 'PUT', '/api/admin/user-mappings', {
      zohoPortalId: DEMO_PORTAL_ID,
      zohoUserId: priya.zpuid,
      jiraAccountId: HANA,
    });
    const list = await as(a, 'GET', `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`);
    expect(list.body.mappings.map((m: { zohoUserId: string }) => m.zohoUserId)).toEqual([priya.zpuid]);
  });

  it('refuses a Jira account Jira does not know and a Zoho user outside the portal (422)', async () => {
    const jira = await as(a, 'PUT', '/api/admin/user-mappings', {
      zohoPortalId: DEMO_PORTAL_ID,
      zohoUserId: alex.zpuid,
      jiraAccountId: 'acc-nobody',
    });
    expect(jira.status).toBe(422);
    expect(jira.body.error.fields).toEqual([expect.objectContaining({ field: 'jiraAccountId' })]);
    const zoho = await as(a, 'PUT', '/api/admin/user-mappings', {
      zohoPortalId: DEMO_PORTAL_ID,
      zohoUserId: '99999',
      jiraAccountId: HANA,
    });
    expect(zoho.status).toBe(422);
    expect(zoho.body.error.fields).toEqual([expect.objectContaining({ field: 'zohoUserId' })]);
  });

  it('keeps each installation’s pairs to itself: another site neither sees nor removes them', async () => {
    const mine = (await as(a, 'GET', `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`)).body.mappings;
    expect(mine).toHaveLength(1);
    expect((await as(b, 'GET', `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`)).body.mappings).toEqual([]);
    expect((await as(b, 'DELETE', `/api/admin/user-mappings/${mine[0].id}`)).status).toBe(404);
    expect((await as(a, 'DELETE', `/api/admin/user-mappings/${mine[0].id}`)).body).toEqual({ deleted: true });
    expect((await as(a, 'GET', `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`)).body.mappings).toEqual([]);
  });

  it('is documented in /openapi.json', async () => {
    const res = await h.call('GET', '/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/user-mappings',
        '/api/admin/user-mappings/{id}',
        '/api/admin/user-mappings/zoho-users',
        '/api/admin/user-mappings/jira-users',
      ]),
    );
  });
});
