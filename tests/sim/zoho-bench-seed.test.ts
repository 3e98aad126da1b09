import { DEMO_CLIENT_ID, DEMO_PORTAL_ID, DEMO_PROJECT_IDS, startZohoSim, type ZohoSim } from '../../sim/zoho';

let sim: ZohoSim;
beforeAll(async () => {
  sim = await startZohoSim();
});
afterAll(async () => {
  await sim.close();
});

describe('Zoho simulator at benchmark size', () => {
  it('seeds 10 000 tasks quickly and pages through them with 200-item pages', async () => {
    const t0 = Date.now();
    const ids = sim.control.seedItems({ projectId: DEMO_PROJECT_IDS.mobile, count: 10_000 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(new Set(ids).size).toBe(10_000);
    const auth = {
      Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}`,
    };
    const url = `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.mobile}/tasks`;
    let total = 0;
    let pages = 0;
    const t1 = Date.now();
    for (let page = 1; ; page++) {
      const body = (await (await fetch(`${url}?page=${page}&per_page=200`, { headers: auth })).json()) as {
        tasks: unknown[];
        page_info: { has_next_page: boolean };
      };
      total += body.tasks.length;
      pages += 1;
      if (!body.page_info.has_next_page) break;
    }
    expect(total).toBe(10_006);
    expect(pages).toBe(51);
    expect(Date.now() - t1).toBeLessThan(10_000);
  });

  it('a modified-time filtered poll (Filter Guide: a day, yyyy-MM-dd) after one change returns just that change', async () => {
    sim.control.advanceTime(2 * 86_400_000);
    const since = new Date(sim.control.now() - 86_400_000).toISOString().slice(0, 10);
    const target = sim.state.list(DEMO_PROJECT_IDS.mobile, 'tasks').inCreatedOrder()[5000];
    sim.control.changeStatus(target.id, 'In Progress');
    const auth = {
      Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}`,
    };
    const filter = encodeURIComponent(
      JSON.stringify({
        criteria: [{ field_name: 'last_modified_time', criteria_condition: 'after', value: [since] }],
        pattern: '1',
      }),
    );
    const url = `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.mobile}/tasks?page=1&per_page=200&sort_by=DESC(last_modified_time)&filter=${filter}`;
    const body = (await (await fetch(url, { headers: auth })).json()) as { tasks: { id: string }[] };
    expect(body.tasks.map((t) => t.id)).toEqual([target.id]);
  });
});
