import { readdirSync, readFileSync } from 'node:fs';
import { startJiraSim, type JiraSim } from '../../sim/jira';
import { jiraSimClient } from '../../sim/jira/sim-client';

describe('Jira simulator: every request is checked against the official OpenAPI spec', () => {
  let sim: JiraSim;
  let jira: ReturnType<typeof jiraSimClient>;

  beforeAll(async () => {
    sim = await startJiraSim();
    jira = jiraSimClient(sim.url);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('rejects a search body with a property the spec does not allow (400, Jira error shape) and records it', async () => {
    sim.control.expectViolation();
    const res = await jira.post('/rest/api/3/search/jql', { jql: 'project = OPS', startAt: 0 });
    expect(res.status).toBe(400);
    expect(res.body.errorMessages[0]).toMatch(/must NOT have additional properties/);
    expect(res.body.errors).toEqual({});
    const [violation] = sim.control.violations();
    expect(violation).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql', expected: true });
  });

  it('rejects a query parameter of the wrong type', async () => {
    sim.control.expectViolation();
    const res = await jira.get('/rest/api/3/search/jql?jql=project%20%3D%20OPS&maxResults=lots');
    expect(res.status).toBe(400);
    expect(sim.control.violations().at(-1)?.errors[0].message).toMatch(/maxResults must be integer/);
  });

  it('answers 404 and records a path that is not a Jira operation at all', async () => {
    sim.control.expectViolation();
    const res = await jira.get('/rest/api/3/issue/OPS-1/not-a-real-resource');
    expect(res.status).toBe(404);
    expect(sim.control.violations().at(-1)).toMatchObject({
      path: '/rest/api/3/issue/OPS-1/not-a-real-resource',
      expected: true,
    });
  });

  it('writes violations to ZJC_OPENAPI_VIOLATIONS_DIR so the run can fail on unexpected ones', () => {
    const dir = process.env.ZJC_OPENAPI_VIOLATIONS_DIR;
    expect(dir).toBeTruthy();
    const files = readdirSync(dir!);
    const mine = files
      .filter((f) => f.startsWith(`jira-${process.pid}-`))
      .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
    const all = mine.flat();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((v: { expected?: boolean }) => v.expected === true)).toBe(true);
  });

  it('accepts conforming requests without recording anything', async () => {
    const before = sim.control.violations().length;
    const res = await jira.post('/rest/api/3/search/jql', { jql: 'project = OPS', maxResults: 2, fields: ['summary'] });
    expect(res.status).toBe(200);
    expect(sim.control.violations()).toHaveLength(before);
  });

  it('serves the API under /ex/jira/<cloudId> like a Forge apiBaseUrl', async () => {
    const res = await jiraSimClient(sim.apiBaseUrl).get('/rest/api/3/myself');
    expect(res.status).toBe(200);
    expect(res.body.accountType).toBe('app');
  });

  it('loads the spec once per process: a second simulator starts fast', async () => {
    const started = performance.now();
    const second = await startJiraSim({ seed: 'empty' });
    const elapsed = performance.now() - started;
    await second.close();
    expect(second.validatorLoadMs).toBe(sim.validatorLoadMs);
    expect(elapsed).toBeLessThan(500);
  });
});
