import { DEMO_CLIENT_ID, DEMO_PORTAL_ID, DEMO_PROJECT_IDS, startZohoSim, type ZohoSim } from '../../sim/zoho';

let sim: ZohoSim;
let auth: Record<string, string>;
const tasks = () => `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.website}/tasks`;
const TASKS_ENDPOINT = 'GET /api/v3/portal/:portalId/projects/:projectId/tasks';

beforeEach(async () => {
  sim = await startZohoSim();
  auth = { Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}` };
});
afterEach(async () => {
  await sim.close();
});

describe('Zoho simulator fault injection', () => {
  it('429 with Retry-After, once, then normal answers', async () => {
    sim.control.injectFault({ kind: 'rate-limit', endpoint: TASKS_ENDPOINT, retryAfterSec: 7 });
    const first = await fetch(`${tasks()}?page=1&per_page=1`, { headers: auth });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${tasks()}?page=1&per_page=1`, { headers: auth })).status).toBe(200);
  });

  it('5xx for a chosen number of calls', async () => {
    sim.control.injectFault({ kind: 'status', status: 503, path: '/tasks', times: 2 });
    expect((await fetch(tasks(), { headers: auth })).status).toBe(503);
    const second = await fetch(tasks(), { headers: auth });
    expect(await second.json()).toMatchObject({ error: { status_code: '503' } });
    expect((await fetch(tasks(), { headers: auth })).status).toBe(200);
  });

  it('connection reset: the client sees a network error', async () => {
    sim.control.injectFault({ kind: 'reset', method: 'GET', path: '/tasks' });
    await expect(fetch(tasks(), { headers: auth })).rejects.toThrow();
    expect(sim.control.callLog().at(-1)).toMatchObject({ status: null, faults: ['reset'] });
  });

  it('response lost after the write was applied: the client errors, the record changed', async () => {
    const item = sim.state.list(DEMO_PROJECT_IDS.website, 'tasks').inCreatedOrder()[0];
    sim.control.injectFault({ kind: 'lost-response', method: 'PATCH' });
    await expect(
      fetch(`${tasks()}/${item.id}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Applied anyway' }),
      }),
    ).rejects.toThrow();
    expect(sim.control.getRecord(item.id).name).toBe('Applied anyway');
  });

  it('latency delays the answer', async () => {
    sim.control.injectFault({ kind: 'latency', latencyMs: 300 });
    const t0 = Date.now();
    expect((await fetch(tasks(), { headers: auth })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('token expiry mid-run → 400 INVALID_OAUTHTOKEN (documented status)', async () => {
    sim.control.injectFault({ kind: 'token-expiry' });
    const res = await fetch(tasks(), { headers: auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { title: 'INVALID_OAUTHTOKEN' } });
  });

  it('token expiry mid-run → 401 INVALID_OAUTHTOKEN (observed variant)', async () => {
    sim.control.setSwitches({ invalidOauthTokenStatus: 401 });
    sim.control.injectFault({ kind: 'token-expiry' });
    const res = await fetch(tasks(), { headers: auth });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { title: 'INVALID_OAUTHTOKEN' } });
  });

  it('call log and per-endpoint counts record method, path, status, endpoint and time', async () => {
    await fetch(`${tasks()}?page=1&per_page=5`, { headers: auth });
    await fetch(`${tasks()}?page=2&per_page=5`, { headers: auth });
    await fetch(`${sim.url}/api/v3/portals`, { headers: auth });
    expect(sim.control.callCounts()).toEqual({ [TASKS_ENDPOINT]: 2, 'GET /api/v3/portals': 1 });
    expect(sim.control.callLog()[0]).toMatchObject({
      method: 'GET',
      path: expect.stringContaining('/tasks?page=1'),
      status: 200,
      endpoint: TASKS_ENDPOINT,
      time: expect.any(String),
      userZuid: '869457870',
    });
  });

  it('the control API over HTTP: generate a code, inject a fault, act as a Zoho user, read calls', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sim.url}/_sim${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<any>);
    const { code } = await post('/codes', { clientId: DEMO_CLIENT_ID });
    expect(code).toMatch(/^1000\./);
    await post('/faults', { kind: 'status', status: 500, path: '/portals' });
    expect((await fetch(`${sim.url}/api/v3/portals`, { headers: auth })).status).toBe(500);
    const item = sim.state.list(DEMO_PROJECT_IDS.website, 'issues').inCreatedOrder()[0];
    const closed = await post(`/records/${item.id}/status`, { status: 'Closed' });
    expect(closed.status).toMatchObject({ name: 'Closed', is_closed_type: true });
    const comment = await post(`/records/${item.id}/comments`, { html: '<p>from Zoho</p>' });
    expect(comment.created_by.name).toBe('Priya Raman');
    const calls = (await (await fetch(`${sim.url}/_sim/calls`)).json()) as { status: number }[];
    expect(calls.map((c) => c.status)).toEqual([500]);
  });
});
