import { DEMO_CLIENT_ID, DEMO_PORTAL_ID, DEMO_PROJECT_IDS, startZohoSim, type ZohoSim } from '../../sim/zoho';

let sim: ZohoSim;
let auth: Record<string, string>;
const tasksUrl = () =>
  `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.website}/tasks?page=1&per_page=1`;
const projectsUrl = () => `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects`;

beforeEach(async () => {
  let t = 1_800_000_000_000;
  sim = await startZohoSim({ clock: { now: () => t++ } });
  auth = { Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}` };
});
afterEach(async () => {
  await sim.close();
});

describe('Zoho V3 rate limit (200 requests / 120 s per endpoint, then 10-minute block)', () => {
  it('every response carries RateLimit headers; the 201st call in the window is blocked with 429 + Retry-After', async () => {
    for (let i = 1; i <= 200; i++) {
      const res = await fetch(tasksUrl(), { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit')).toBe('200');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(200 - i));
      expect(res.headers.get('ratelimit-window')).toBe('120');
      expect(res.headers.get('ratelimit-window-unit')).toBeTruthy();
      await res.arrayBuffer();
    }
    const blocked = await fetch(tasksUrl(), { headers: auth });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(600);
    expect(await blocked.json()).toMatchObject({ error: { title: 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED' } });

    // Per endpoint: another endpoint still answers.
    expect((await fetch(projectsUrl(), { headers: auth })).status).toBe(200);

    // Still blocked just before 10 minutes, free after.
    sim.control.advanceTime(9 * 60_000);
    const still = await fetch(tasksUrl(), { headers: auth });
    expect(still.status).toBe(429);
    expect(Number(still.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    sim.control.advanceTime(60_000);
    const free = await fetch(tasksUrl(), { headers: auth });
    expect(free.status).toBe(200);
    expect(free.headers.get('ratelimit-remaining')).toBe('199');
  });

  it('the window rolls: calls older than 120 s no longer count', async () => {
    sim.control.setRateLimit({ limit: 3 });
    for (let i = 0; i < 3; i++) expect((await fetch(tasksUrl(), { headers: auth })).status).toBe(200);
    sim.control.advanceTime(120_000);
    expect((await fetch(tasksUrl(), { headers: auth })).status).toBe(200);
  });

  it('the 400 URL_ROLLING_THROTTLES_LIMIT_EXCEEDED variant is behind a switch', async () => {
    sim.control.setRateLimit({ limit: 2 });
    sim.control.setSwitches({ rateLimitStyle: '400' });
    await fetch(tasksUrl(), { headers: auth });
    await fetch(tasksUrl(), { headers: auth });
    const res = await fetch(tasksUrl(), { headers: auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { status_code: '400', title: 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED' },
    });
    expect(sim.control.rateLimitBlocks()).toHaveLength(1);
  });
});
