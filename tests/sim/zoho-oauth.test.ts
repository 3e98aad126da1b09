import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID, startZohoSim, type ZohoSim } from '../../sim/zoho';

let sim: ZohoSim;
beforeEach(async () => {
  sim = await startZohoSim();
});
afterEach(async () => {
  await sim.close();
});

async function token(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const exchange = (code: string, over: Record<string, string> = {}) =>
  token({
    grant_type: 'authorization_code',
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    code,
    ...over,
  });
const portals = (accessToken: string, scheme = 'Zoho-oauthtoken') =>
  fetch(`${sim.url}/api/v3/portals`, { headers: { Authorization: `${scheme} ${accessToken}` } });

describe('Zoho accounts: Self Client code exchange', () => {
  it('exchanges a generated code for access + refresh token with the documented fields', async () => {
    const { status, body } = await exchange(sim.control.generateCode({ clientId: DEMO_CLIENT_ID }));
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      api_domain: 'https://www.zohoapis.com',
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect((await portals(body.access_token as string)).status).toBe(200);
    expect((await portals(body.access_token as string, 'Bearer')).status).toBe(200);
  });

  it('a code is single use: the second exchange answers invalid_code', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    expect((await exchange(code)).body.access_token).toBeDefined();
    expect(await exchange(code)).toEqual({ status: 200, body: { error: 'invalid_code' } });
  });

  it('a code expires after its lifetime (3 min by default)', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    sim.control.advanceTime(3 * 60_000 + 1);
    expect((await exchange(code)).body).toEqual({ error: 'invalid_code' });
    const short = sim.control.generateCode({ clientId: DEMO_CLIENT_ID, expiresInMs: 1000 });
    sim.control.advanceTime(500);
    expect((await exchange(short)).body.access_token).toBeDefined();
  });

  it('wrong secret and unknown client both answer invalid_client, as Zoho documents', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    expect((await exchange(code, { client_secret: 'nope' })).body).toEqual({ error: 'invalid_client' });
    expect((await exchange(code, { client_id: '1000.UNKNOWN' })).body).toEqual({ error: 'invalid_client' });
  });

  it('with the unconfirmed invalid_client_secret variant: wrong secret → invalid_client_secret; unknown client → invalid_client', async () => {
    sim.control.setSwitches({ wrongSecretError: 'invalid_client_secret' });
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID });
    expect((await exchange(code, { client_secret: 'nope' })).body).toEqual({ error: 'invalid_client_secret' });
    expect((await exchange(code, { client_id: '1000.UNKNOWN' })).body).toEqual({ error: 'invalid_client' });
    expect((await token({ grant_type: 'password' })).status).toBe(400);
  });

  it('a code generated without the product scopes yields tokens that get INVALID_OAUTHSCOPE', async () => {
    const code = sim.control.generateCode({ clientId: DEMO_CLIENT_ID, scopes: ['ZohoProjects.portals.READ'] });
    const { body } = await exchange(code);
    expect((await portals(body.access_token as string)).status).toBe(200);
    const res = await fetch(`${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects`, {
      headers: { Authorization: `Zoho-oauthtoken ${String(body.access_token)}` },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { title: string } }).error.title).toBe('INVALID_OAUTHSCOPE');
  });
});

describe('Zoho accounts: refresh and revoke', () => {
  it('refresh returns a new access token and no new refresh token', async () => {
    const first = await exchange(sim.control.generateCode({ clientId: DEMO_CLIENT_ID }));
    const { status, body } = await token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token as string,
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
    });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body.access_token).not.toBe(first.body.access_token);
    expect((await portals(body.access_token as string)).status).toBe(200);
  });

  it('an expired access token gets HTTP 400 INVALID_OAUTHTOKEN, as the Error Codes page documents', async () => {
    const t = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
    sim.control.advanceTime(3_600_000);
    const res = await portals(t.access_token);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { status_code: '400', title: 'INVALID_OAUTHTOKEN' } });
  });

  it('with the observed 401 variant, an expired access token gets 401 INVALID_OAUTHTOKEN; refreshing recovers', async () => {
    sim.control.setSwitches({ invalidOauthTokenStatus: 401 });
    const t = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
    sim.control.advanceTime(3_600_000);
    const res = await portals(t.access_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { status_code: '401', title: 'INVALID_OAUTHTOKEN' } });
    const r = await token({
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token!,
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
    });
    expect((await portals(r.body.access_token as string)).status).toBe(200);
  });

  it('control can expire tokens immediately; unknown tokens are INVALID_OAUTHTOKEN too', async () => {
    sim.control.setSwitches({ invalidOauthTokenStatus: 401 });
    const t = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
    expect(sim.control.expireAccessTokens()).toBeGreaterThan(0);
    expect((await portals(t.access_token)).status).toBe(401);
    const unknown = await portals('1000.bogus.token');
    expect(await unknown.json()).toMatchObject({ error: { title: 'INVALID_OAUTHTOKEN' } });
  });

  it('revoking the refresh token kills it and its access tokens (401 variant of INVALID_OAUTHTOKEN)', async () => {
    sim.control.setSwitches({ invalidOauthTokenStatus: 401 });
    const t = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
    const res = await fetch(`${sim.url}/oauth/v2/token/revoke?token=${encodeURIComponent(t.refresh_token!)}`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect((await portals(t.access_token)).status).toBe(401);
    const r = await token({
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token!,
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
    });
    expect(r.body).toEqual({ error: 'invalid_code' });
  });

  it('user profile gives the Zoho user name and email (AaaServer.profile.Read)', async () => {
    const t = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
    const res = await fetch(`${sim.url}/oauth/user/info`, {
      headers: { Authorization: `Zoho-oauthtoken ${t.access_token}` },
    });
    expect(await res.json()).toMatchObject({
      Email: 'alex@example.com',
      Display_Name: 'Alex Example',
      ZUID: 869457870,
    });
  });
});
