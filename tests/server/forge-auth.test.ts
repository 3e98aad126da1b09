/**
 * Every call from Forge carries a FIT: RS256 from Forge's key set, iss forge/invocation-token, aud our
 * app, valid now. Anything else is 401 — and admin routes accept only the admin page's module.
 */
import { adminFit, eventFit, forgedFit, panelFit, type ForgeryKind } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServerHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('Forge Invocation Token verification', () => {
  it('accepts a valid admin-page FIT and answers the admin API', async () => {
    const t = h.newTarget();
    const res = await h.call('GET', '/api/admin/connection', { fit: await adminFit(t) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ connected: false });
  });

  it.each<ForgeryKind>([
    'bad_signature',
    'alg_none',
    'unknown_kid',
    'wrong_aud',
    'wrong_iss',
    'expired',
    'not_yet_valid',
    'garbage',
  ])('rejects a forged FIT (%s) with 401 unauthorized', async (kind) => {
    const res = await h.call('GET', '/api/admin/connection', { fit: await forgedFit(kind, h.newTarget()) });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('rejects a call without any token with 401', async () => {
    const res = await h.call('GET', '/api/admin/items');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('refuses an issue-panel FIT on an admin route, and an admin FIT on a panel route', async () => {
    const t = h.newTarget();
    const asPanel = await h.call('GET', '/api/admin/items', { fit: await panelFit(t, { id: '10001', key: 'DEMO-1' }) });
    expect(asPanel.status).toBe(401);
    expect(asPanel.body.error.message).toMatch(/admin page/);
    const asAdmin = await h.call('GET', '/api/panel/items', { fit: await adminFit(t) });
    expect(asAdmin.status).toBe(401);
    const asTrigger = await h.call('GET', '/api/admin/items', { fit: await eventFit(t) });
    expect(asTrigger.status).toBe(401);
  });

  it('accepts a FIT whose token exceeds 16 KB of headers (raised header limit)', async () => {
    const t = h.newTarget();
    const res = await h.call('GET', '/api/admin/connection', {
      fit: await adminFit(t),
      headers: { 'x-b3-traceid': 'a'.repeat(30_000) },
    });
    expect(res.status).toBe(200);
  });

  it('stores the freshest app system token of the installation encrypted', async () => {
    const t = h.newTarget();
    await h.call('GET', '/api/admin/connection', {
      fit: await adminFit(t),
      headers: { 'x-forge-oauth-system': 'sim-system-token' },
    });
    const row = await h.prisma.installation.findUniqueOrThrow({ where: { id: t.installationId } });
    expect(row.systemTokenEnc).toBeTruthy();
    expect(row.systemTokenEnc).not.toContain('sim-system-token');
    expect(row.systemTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(row.apiBaseUrl).toBe(t.apiBaseUrl);
  });
});

describe('public routes', () => {
  it('answers /healthz and /readyz (PostgreSQL and Temporal reachable)', async () => {
    expect((await h.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
    expect(ready.body.events).toEqual(
      expect.objectContaining({ queued: expect.any(Number), failedSignals: expect.any(Number) }),
    );
  });

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const res = await h.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/connection',
        '/api/admin/items',
        '/api/admin/items/{id}',
        '/api/panel/items',
        '/api/panel/items/{sciId}/search',
      ]),
    );
    expect(res.body.paths['/api/admin/connection'].put.requestBody).toBeDefined();
  });

  it('sends security headers (helmet) and renders unknown routes in the error format', async () => {
    const res = await h.call('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
