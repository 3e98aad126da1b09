import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, startJiraSim, type JiraSim } from '../../sim/jira';
import { jiraSimClient } from '../../sim/jira/sim-client';

describe('Jira simulator: rate limits, injected faults, token expiry, control API', () => {
  let sim: JiraSim;
  let jira: ReturnType<typeof jiraSimClient>;

  beforeAll(async () => {
    sim = await startJiraSim({ tokens: { 'bot-token': DEMO_ACCOUNTS.app, 'spare-token': DEMO_ACCOUNTS.app } });
    jira = jiraSimClient(sim.url, 'bot-token');
  });
  afterEach(() => sim.control.clearFaults());
  afterAll(async () => {
    expect(sim.control.violations().filter((v) => !v.expected)).toEqual([]);
    await sim.close();
  });

  it('answers 429 with Retry-After and X-RateLimit-* once the per-token budget is spent', async () => {
    sim.control.setRateLimit({ budget: 3, windowMs: 2000 });
    try {
      const ok = await jira.get('/rest/api/3/myself');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit')).toBe('3');
      expect(ok.headers.get('x-ratelimit-remaining')).toBe('2');
      await jira.get('/rest/api/3/myself');
      await jira.get('/rest/api/3/myself');
      const limited = await jira.get('/rest/api/3/myself');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
      expect(limited.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    } finally {
      sim.control.setRateLimit({ budget: undefined });
    }
  });

  it('enforces a site-wide ceiling in requests per second (burst, Retry-After: 1)', async () => {
    sim.control.setRateLimit({ ceilingPerSecond: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await jira.get('/rest/api/3/serverInfo')).status);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses).toContain(429);
    } finally {
      sim.control.setRateLimit({ ceilingPerSecond: undefined });
    }
  });

  it('refuses every request reissued before a burst 429’s Retry-After expired, and counts them (Atlassian: "same or longer Retry-After")', async () => {
    sim.control.setRateLimit({ ceilingPerSecond: 2 });
    try {
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await jira.get('/rest/api/3/serverInfo'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429, 429]);
      for (const a of answers.slice(2)) expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(sim.control.rateLimitStats()).toMatchObject({ pauses: 1, duringPause: 2 });
    } finally {
      sim.control.setRateLimit({ ceilingPerSecond: undefined });
    }
  });

  it('injects a 503 with Retry-After on matching requests only, for the given count', async () => {
    sim.control.injectFault({
      kind: 'status',
      status: 503,
      retryAfterSeconds: 7,
      method: 'GET',
      path: '/rest/api/3/issue/*',
      count: 2,
    });
    expect((await jira.get('/rest/api/3/field')).status).toBe(200);
    const first = await jira.get('/rest/api/3/issue/OPS-1');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await jira.get('/rest/api/3/issue/OPS-1')).status).toBe(503);
    expect((await jira.get('/rest/api/3/issue/OPS-1')).status).toBe(200);
  });

  it('resets the connection before anything is applied', async () => {
    sim.control.injectFault({ kind: 'reset', method: 'POST', path: '/rest/api/3/issue/*/comment' });
    await expect(
      jira.post('/rest/api/3/issue/OPS-1/comment', {
        body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'lost' }] }] },
      }),
    ).rejects.toThrow();
    const comments = await jira.get('/rest/api/3/issue/OPS-1/comment');
    expect(comments.body.comments.some((c: { body: unknown }) => JSON.stringify(c.body).includes('lost'))).toBe(false);
    expect(sim.control.calls({ path: '/rest/api/3/issue/OPS-1/comment', method: 'POST' }).at(-1)).toMatchObject({
      status: 0,
      fault: 'reset',
    });
  });

  it('"lost response": applies the write, then drops the connection', async () => {
    sim.control.injectFault({ kind: 'lost-response', method: 'POST', path: '/rest/api/3/issue' });
    await expect(
      jira.post('/rest/api/3/issue', {
        fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Created but unanswered' },
      }),
    ).rejects.toThrow();
    const found = [...sim.state.issues.values()].find((i) => i.fields.summary === 'Created but unanswered');
    expect(found).toBeDefined();
    const res = await jira.get(`/rest/api/3/issue/${found!.key}?fields=summary`);
    expect(res.body.fields.summary).toBe('Created but unanswered');
  });

  it('adds latency to matching requests', async () => {
    sim.control.injectFault({ kind: 'latency', latencyMs: 200, path: '/rest/api/3/serverInfo' });
    const started = Date.now();
    expect((await jira.get('/rest/api/3/serverInfo')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('answers 401 once a token has expired, while other tokens keep working', async () => {
    const spare = jiraSimClient(sim.url, 'spare-token');
    expect((await spare.get('/rest/api/3/myself')).status).toBe(200);
    sim.control.expireToken('spare-token');
    const res = await spare.get('/rest/api/3/myself');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, message: 'Unauthorized' });
    expect((await jira.get('/rest/api/3/myself')).status).toBe(200);
    expect((await jiraSimClient(sim.url, 'never-issued').get('/rest/api/3/myself')).status).toBe(401);
  });

  it('accepts Basic email:apiToken for the standalone mode', async () => {
    const basic = `Basic ${Buffer.from('alice@example.com:sim-api-token').toString('base64')}`;
    const res = await fetch(`${sim.url}/rest/api/3/myself`, { headers: { authorization: basic } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accountId: string }).accountId).toBe(DEMO_ACCOUNTS.alice);
  });

  it('logs calls with method, path, status, timestamp and a body summary (no credentials)', async () => {
    sim.control.clearCalls();
    await jira.put('/rest/api/3/issue/OPS-1', { fields: { summary: 'Logged edit' } });
    const [call] = sim.control.calls({ method: 'PUT' });
    expect(call).toMatchObject({
      method: 'PUT',
      path: '/rest/api/3/issue/OPS-1',
      status: 204,
      actor: DEMO_ACCOUNTS.app,
      bodySummary: expect.stringContaining('Logged edit'),
    });
    expect(call.at).toBeGreaterThan(0);
    expect(JSON.stringify(sim.control.calls())).not.toContain('bot-token');
  });

  it('exposes the same control surface over HTTP under /_sim/ and posts Forge-style events to eventsUrl', async () => {
    const received: Array<{ payload: { eventType: string; issue: { key: string } } }> = [];
    const sink: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    try {
      const eventsUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/events`;
      const control = (path: string, body: unknown) =>
        fetch(`${sim.url}/_sim/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await control('config', { events: { eventsUrl } })).status).toBe(200);
      expect((await control(`act/${DEMO_ACCOUNTS.bob}/comment`, { issue: 'OPS-2', text: 'From the UI' })).status).toBe(
        200,
      );
      expect(
        (await control(`act/${DEMO_ACCOUNTS.bob}/transition`, { issue: 'OPS-2', transition: 'Submit for Review' }))
          .status,
      ).toBe(200);
      // The app's own writes are not delivered (Forge ignoreSelf).
      await jira.put('/rest/api/3/issue/OPS-2', { fields: { summary: 'Bot edit' } });
      await sim.control.eventsSettled();
      expect(received.map((e) => e.payload.eventType)).toEqual(['avi:jira:commented:issue', 'avi:jira:updated:issue']);
      expect(received[0].payload.issue.key).toBe('OPS-2');
      const fault = await control('faults', { kind: 'status', status: 500, path: '/rest/api/3/myself' });
      expect(fault.status).toBe(200);
      expect((await jira.get('/rest/api/3/myself')).status).toBe(500);
    } finally {
      sim.control.setEvents({ eventsUrl: undefined });
      await new Promise((r) => sink.close(r));
    }
  });
});
