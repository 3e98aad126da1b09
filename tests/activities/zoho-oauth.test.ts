import { ApplicationFailure } from '@temporalio/common';
import { startZohoSim, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type ZohoSim } from '../../sim/zoho';
import {
  exchangeCode,
  fetchZohoUser,
  refreshAccessToken,
  revokeRefreshToken,
  ZohoAuthError,
} from '../../integrations/zoho/oauth';

let sim: ZohoSim;
const ctx = () => ({ overrides: { ZOHO_ACCOUNTS_URL: sim.url, ZOHO_API_URL: sim.url } });
const input = (code: string) => ({
  dataCenter: 'eu' as const,
  clientId: DEMO_CLIENT_ID,
  clientSecret: DEMO_CLIENT_SECRET,
  code,
});
const failure = async (p: Promise<unknown>): Promise<ZohoAuthError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZohoAuthError);
  return err as ZohoAuthError;
};

beforeAll(async () => {
  sim = await startZohoSim();
});
afterAll(async () => {
  await sim.close();
});

describe('Zoho connection: Self Client code exchange', () => {
  it('exchanges a fresh code for a refresh token and a working access token', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const t0 = Date.now();
    const res = await exchangeCode(input(code), ctx());
    expect(res.refreshToken).toMatch(/^1000\./);
    expect(res.accessToken).toMatch(/^1000\./);
    expect(res.apiDomain).toBe('https://www.zohoapis.com');
    expect(res.expiresAt).toBeGreaterThanOrEqual(t0 + 3_599_000);
    const user = await fetchZohoUser({ dataCenter: 'eu', accessToken: res.accessToken }, ctx());
    expect(user).toMatchObject({ name: 'Alex Example', email: 'alex@example.com', zuid: '869457870' });
  });

  it('a code used twice is reported as expired or already used', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    await exchangeCode(input(code), ctx());
    const err = await failure(exchangeCode(input(code), ctx()));
    expect(err.code).toBe('code_expired_or_used');
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toMatch(/expired|already used/);
  });

  it('an expired code is reported as expired or already used', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID, expiresInMs: 1_000 });
    sim.control.advanceTime(2_000);
    expect((await failure(exchangeCode(input(code), ctx()))).code).toBe('code_expired_or_used');
  });

  it('a mangled code is reported as an invalid code', async () => {
    const err = await failure(exchangeCode(input('not-a-code'), ctx()));
    expect(err.code).toBe('invalid_code');
    expect(err.message).toContain('1000.');
  });

  it('an unknown Client ID names the Client ID and the data center', async () => {
    const err = await failure(
      exchangeCode({ ...input('1000.aaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbb'), clientId: '1000.NOPE' }, ctx()),
    );
    expect(err.code).toBe('invalid_client');
    expect(err.message).toMatch(/Client ID/);
    expect(err.message).toMatch(/Europe/);
  });

  it('a wrong Client Secret (Zoho answers invalid_client) names both the Client ID and the Client Secret', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const err = await failure(exchangeCode({ ...input(code), clientSecret: 'wrong-secret' }, ctx()));
    expect(err.code).toBe('invalid_client');
    expect(err.message).toMatch(/Client ID/);
    expect(err.message).toMatch(/Client Secret/);
    expect(err.message).not.toContain('wrong-secret');
  });

  it('an unknown Client ID (invalid_client) names the Client Secret too', async () => {
    const err = await failure(
      exchangeCode({ ...input('1000.aaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbb'), clientId: '1000.NOPE' }, ctx()),
    );
    expect(err.message).toMatch(/Client Secret/);
  });

  it('if Zoho sends invalid_client_secret (unconfirmed), a wrong Client Secret names the Client Secret', async () => {
    sim.control.setSwitches({ wrongSecretError: 'invalid_client_secret' });
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const err = await failure(exchangeCode({ ...input(code), clientSecret: 'wrong-secret' }, ctx()));
    expect(err.code).toBe('invalid_client_secret');
    expect(err.message).toMatch(/Client Secret/);
    expect(err.message).not.toContain('wrong-secret');
    sim.control.setSwitches({ wrongSecretError: 'invalid_client' });
  });

  it('an account in another data center is reported as the wrong data center', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const err = await failure(exchangeCode(input(code), { ...ctx(), checkDataCenter: true }));
    expect(err.code).toBe('wrong_data_center');
    expect(err.message).toMatch(/United States/);
  });

  it('an unreachable accounts server is a retryable network failure', async () => {
    const err = await failure(
      exchangeCode(input('1000.x.y'), { overrides: { ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:1' } }),
    );
    expect(err.code).toBe('network');
    expect(err.nonRetryable).toBe(false);
    expect(err).toBeInstanceOf(ApplicationFailure);
  });

  it('refresh gives a new access token (no new refresh token); revoke kills the connection', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const { refreshToken } = await exchangeCode(input(code), ctx());
    const refreshed = await refreshAccessToken(
      { dataCenter: 'eu', clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, refreshToken },
      ctx(),
    );
    expect(refreshed.accessToken).toMatch(/^1000\./);
    expect(await revokeRefreshToken({ dataCenter: 'eu', refreshToken }, ctx())).toBe(true);
    const err = await failure(
      refreshAccessToken(
        { dataCenter: 'eu', clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, refreshToken },
        ctx(),
      ),
    );
    expect(err.code).toBe('revoked');
  });

  it('a missing user profile is tolerated (null, not an error)', async () => {
    expect(await fetchZohoUser({ dataCenter: 'eu', accessToken: 'bogus' }, ctx())).toBeNull();
  });
});
