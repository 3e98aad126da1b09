/**
 * Operational safeguards: FIT keys fetched from a remote JWKS URL (as from Forge's CDN), per-
 * installation rate limits on admin/panel routes, and body size limits — all in the error format.
 */
import { adminFit } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let keyServer: ServerHarness;
let h: ServerHarness;
beforeAll(async () => {
  // Serves /dev/jwks.json (DEV_CONSOLE) — stands in for https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json.
  keyServer = await startServerHarness({ env: { DEV_CONSOLE: 'true' }, listen: true });
  h = await startServerHarness({
    fitKeys: 'config',
    env: {
      DEV_CONSOLE: 'false',
      FORGE_JWKS_URL: `${keyServer.url}/dev/jwks.json`,
      RATE_LIMIT_PER_MINUTE: '5',
      BODY_LIMIT_BYTES: '4096',
    },
  });
});
afterAll(async () => {
  await h?.close();
  await keyServer?.close();
});

it('verifies FITs against the key set at FORGE_JWKS_URL', async () => {
  const res = await h.call('GET', '/api/admin/connection', { fit: await adminFit(h.newTarget()) });
  expect(res.status).toBe(200);
  expect((await h.call('GET', '/dev/jwks.json')).status).toBe(404); // dev routes only with DEV_CONSOLE=true
  const jwks = await keyServer.call('GET', '/dev/jwks.json');
  expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: expect.any(String) });
  expect(jwks.body.keys[0].d).toBeUndefined();
});

it('rate-limits admin calls per installation without affecting other installations', async () => {
  const [busy, calm] = [h.newTarget(), h.newTarget()];
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++)
    statuses.push((await h.call('GET', '/api/admin/connection', { fit: await adminFit(busy) })).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  const limited = await h.call('GET', '/api/admin/connection', { fit: await adminFit(busy) });
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe('rate_limited');
  expect((await h.call('GET', '/api/admin/connection', { fit: await adminFit(calm) })).status).toBe(200);
});

it('refuses an oversized body with 413 payload_too_large', async () => {
  const res = await h.call('POST', '/api/admin/items', {
    fit: await adminFit(h.newTarget()),
    body: { name: 'x'.repeat(10_000) },
  });
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('payload_too_large');
});
