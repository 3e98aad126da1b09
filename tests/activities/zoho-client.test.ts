import { Readable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import {
  startZohoSim,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PORTAL_ID,
  DEMO_PORTAL_NAME,
  DEMO_PROJECT_IDS,
  type ZohoSim,
} from '../../sim/zoho';
import { createZohoClient } from '../../integrations/zoho/client';
import { createZohoBudget } from '../../integrations/zoho/budget';
import { createZohoTokenProvider } from '../../integrations/zoho/token-provider';
import { refreshAccessToken, type ZohoTokens } from '../../integrations/zoho/oauth';
import { HttpFailure } from '../../integrations/http/failures';
import type { ZohoSource } from '../../integrations/zoho/types';

let sim: ZohoSim;
beforeAll(async () => {
  sim = await startZohoSim();
});
afterAll(async () => {
  await sim.close();
});

function connect(opts: { stored?: ZohoTokens | null } = {}) {
  const { refresh_token, access_token } = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
  const overrides = {
    ZOHO_ACCOUNTS_URL: sim.url,
    ZOHO_API_URL: sim.url,
    ZOHO_WEB_URL: 'https://projects.zoho.eu',
    ZOHO_WORKDRIVE_URL: sim.url,
  };
  const counters = { refresh: 0, save: 0, calls: [] as string[] };
  const tokens = createZohoTokenProvider({
    load: async () =>
      opts.stored === undefined ? { accessToken: access_token, expiresAt: Date.now() + 3_600_000 } : opts.stored,
    save: async () => {
      counters.save += 1;
    },
    refresh: async () => {
      counters.refresh += 1;
      return refreshAccessToken(
        { dataCenter: 'eu', clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, refreshToken: refresh_token! },
        { overrides },
      );
    },
  });
  const budget = createZohoBudget({ limit: 1000 });
  const zoho = createZohoClient({
    dataCenter: 'eu',
    overrides,
    tokens,
    budget,
    onCall: (_o, method, path, status) => counters.calls.push(`${method} ${path} ${status}`),
  });
  return { zoho, counters, accessToken: access_token, budget };
}

const tasks: ZohoSource = {
  portalId: DEMO_PORTAL_ID,
  portalName: DEMO_PORTAL_NAME,
  projectId: DEMO_PROJECT_IDS.website,
  module: 'tasks',
};
const issues: ZohoSource = { ...tasks, module: 'issues' };

describe('Zoho Projects client against the simulator', () => {
  it('lists portals, projects, modules, fields and statuses for the admin setup flow', async () => {
    const { zoho } = connect();
    expect(await zoho.listPortals()).toEqual([expect.objectContaining({ id: DEMO_PORTAL_ID, name: DEMO_PORTAL_NAME })]);
    const projects = await zoho.listProjects(DEMO_PORTAL_ID);
    expect(projects.map((p) => p.id)).toContain(DEMO_PROJECT_IDS.website);
    expect(zoho.listModules().map((m) => m.id)).toEqual(['tasks', 'issues', 'milestones', 'timesheets']);
    const fields = await zoho.listFields(DEMO_PORTAL_ID, DEMO_PROJECT_IDS.website, 'tasks');
    expect(fields.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'name',
        'description',
        'status',
        'priority',
        'owners',
        'start_date',
        'end_date',
        'billing_type',
      ]),
    );
    expect(fields.some((f) => f.custom)).toBe(true);
    const statuses = await zoho.listStatuses(DEMO_PORTAL_ID, DEMO_PROJECT_IDS.website, 'tasks');
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.some((s) => s.type === 'closed')).toBe(true);
    await zoho.close();
  });

  it('19-digit Zoho ids come back exact, as strings', async () => {
    const { zoho } = connect();
    const page = await zoho.listRecords(tasks, { page: 1, perPage: 10 });
    expect(page.records.length).toBeGreaterThan(0);
    const first = page.records[0];
    expect(first.id).toMatch(/^\d{19}$/);
    expect(first.id).toBe(String(sim.control.getRecord(first.id).id));
    expect(BigInt(first.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const again = await zoho.getRecord(tasks, first.id);
    expect(again?.id).toBe(first.id);
    expect(again?.key).toMatch(/-T\d+$/);
    expect(await zoho.getRecord(tasks, '2447529000009999999')).toBeNull();
    await zoho.close();
  });

  it.each([400, 401] as const)(
    'refreshes the access token once on HTTP %i INVALID_OAUTHTOKEN and retries the call once',
    async (status) => {
      sim.control.setSwitches({ invalidOauthTokenStatus: status });
      const { zoho, counters, accessToken } = connect();
      sim.control.expireAccessTokens(accessToken);
      const portals = await zoho.listPortals();
      expect(portals).toHaveLength(1);
      expect(counters.refresh).toBe(1);
      expect(counters.save).toBe(1);
      expect(counters.calls.filter((c) => c.startsWith('GET /api/v3/portals'))).toEqual([
        `GET /api/v3/portals ${status}`,
        'GET /api/v3/portals 200',
      ]);
      await zoho.listPortals(); // cached token now: no further refresh
      expect(counters.refresh).toBe(1);
      sim.control.setSwitches({ invalidOauthTokenStatus: 400 });
      await zoho.close();
    },
  );

  it('does not loop when the refreshed token is rejected too', async () => {
    const { zoho, counters } = connect();
    sim.control.injectFault({ kind: 'token-expiry', path: '/api/v3/portals', times: 2 });
    const err = await zoho.listPortals().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).kind).toBe('auth');
    expect((err as HttpFailure).message).toContain('INVALID_OAUTHTOKEN');
    expect(counters.refresh).toBe(1);
    sim.control.clearFaults();
    await zoho.close();
  });

  it('429 with Retry-After becomes a retryable failure with that wait, and pauses the budget', async () => {
    const { zoho, budget } = connect();
    sim.control.injectFault({ kind: 'rate-limit', path: '/tasks', retryAfterSec: 42 });
    const err = await zoho.listRecords(tasks, { page: 1, perPage: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    const f = err as HttpFailure;
    expect(f.kind).toBe('rate_limited');
    expect(f.nonRetryable).toBe(false);
    expect(f.nextRetryDelay).toBe(42_000);
    expect(f.message).toMatch(/HTTP 429: URL_ROLLING_THROTTLES_LIMIT_EXCEEDED/);
    expect(budget.waitMs()).toBeGreaterThan(40_000);
    await zoho.close();
  });

  it("updates a record with PATCH, and client errors carry Zoho's error text and are not retried", async () => {
    const { zoho } = connect();
    const [rec] = (await zoho.listRecords(tasks, { page: 1, perPage: 1 })).records;
    const updated = await zoho.updateRecord(tasks, rec.id, { name: 'Renamed by the connector' });
    expect(updated?.name).toBe('Renamed by the connector');
    expect(sim.control.getRecord(rec.id).name).toBe('Renamed by the connector');
    const err = (await zoho.updateRecord(tasks, rec.id, { no_such_key: 1 }).catch((e: unknown) => e)) as HttpFailure;
    expect(err.kind).toBe('client');
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain('EXTRA_KEY_FOUND_IN_JSON');
    await zoho.close();
  });

  it('comments: add and list (HTML), authored by the token user', async () => {
    const { zoho } = connect();
    const [rec] = (await zoho.listRecords(issues, { page: 1, perPage: 1 })).records;
    const { id } = await zoho.addComment(issues, rec.id, '<p>From Jira</p>');
    expect(id).toMatch(/^\d+$/);
    const comments = await zoho.listComments(issues, rec.id);
    expect(comments.find((c) => c.id === id)).toMatchObject({ html: '<p>From Jira</p>', authorName: 'Alex Example' });
    await zoho.close();
  });

  it('attachments: two-step streamed upload, list, streamed download', async () => {
    const { zoho } = connect();
    const [rec] = (await zoho.listRecords(issues, { page: 1, perPage: 1 })).records;
    const content = Buffer.alloc(200_000, 7);
    const { id } = await zoho.uploadAttachment(issues, rec.id, {
      name: 'log.bin',
      size: content.length,
      contentType: 'application/octet-stream',
      stream: Readable.from([content]),
    });
    const list = await zoho.listAttachments(issues, rec.id);
    const att = list.find((a) => a.id === id)!;
    expect(att).toMatchObject({ name: 'log.bin', size: content.length });
    const dl = await zoho.downloadAttachment(att);
    const chunks: Buffer[] = [];
    for await (const c of dl.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    expect(dl.size).toBe(content.length);
    await zoho.close();
  });

  it('URL_RULE_NOT_CONFIGURED is a configuration error naming the path, never an empty list', async () => {
    const { zoho } = connect();
    const milestone: ZohoSource = { ...tasks, module: 'milestones' };
    const err = await zoho.listComments(milestone, '2447529000000000001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    const f = err as HttpFailure;
    expect(f.kind).toBe('client');
    expect(f.nonRetryable).toBe(true);
    expect(f.apiCode).toBe('URL_RULE_NOT_CONFIGURED');
    expect(f.message).toContain(`/projects/${DEMO_PROJECT_IDS.website}/milestones/2447529000000000001/comments`);
    expect(f.message).toMatch(/no API at this URL/);
    await zoho.close();
  });

  it('task followers are not asked for (Zoho documents followers for issues only)', async () => {
    const { zoho, counters } = connect();
    const task = (await zoho.listRecords(tasks, { page: 1, perPage: 1 })).records[0];
    expect(await zoho.listFollowers(tasks, task.id)).toEqual([]);
    expect(counters.calls.filter((c) => c.includes('/followers'))).toEqual([]);
    await zoho.close();
  });

  it('attachments without a download_url download through WorkDrive by third_party_file_id', async () => {
    const { zoho, counters } = connect();
    const [rec] = (await zoho.listRecords(issues, { page: 2, perPage: 1 })).records;
    const attId = sim.control.attach(rec.id, { name: 'spec.pdf', content: 'pdf bytes' }, undefined, {
      downloadUrl: false,
    });
    const fileId = sim.state.attachments.get(attId)!.fileId;
    const att = (await zoho.listAttachments(issues, rec.id)).find((a) => a.name === 'spec.pdf')!;
    expect(att).toMatchObject({ id: fileId, fileId, attachmentId: attId });
    expect(att.downloadUrl).toBeUndefined();
    const dl = await zoho.downloadAttachment(att);
    const chunks: Buffer[] = [];
    for await (const c of dl.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('pdf bytes');
    expect(counters.calls).toContain(`GET /v1/workdrive/download/${fileId} 200`);
    await zoho.close();
  });

  it('attachments with the sentinel attachment_id "-1" get distinct keys (their third_party_file_id)', async () => {
    const { zoho } = connect();
    const [rec] = (await zoho.listRecords(issues, { page: 3, perPage: 1 })).records;
    for (const name of ['a.txt', 'b.txt'])
      sim.control.attach(rec.id, { name, content: name }, undefined, { sentinelId: true });
    const list = (await zoho.listAttachments(issues, rec.id)).filter((a) => a.name === 'a.txt' || a.name === 'b.txt');
    expect(list).toHaveLength(2);
    expect(new Set(list.map((a) => a.id)).size).toBe(2);
    expect(list.every((a) => a.id !== '-1' && a.attachmentId === undefined && a.id === a.fileId)).toBe(true);
    await zoho.close();
  });

  it('search, followers, users and the web link of a record', async () => {
    const { zoho } = connect();
    const [rec] = (await zoho.listRecords(tasks, { page: 1, perPage: 1 })).records;
    const found = await zoho.searchRecords(tasks, rec.key!);
    expect(found.map((r) => r.id)).toContain(rec.id);
    expect(Array.isArray(await zoho.listFollowers(tasks, rec.id))).toBe(true);
    expect((await zoho.listUsers(DEMO_PORTAL_ID)).map((u) => u.name)).toContain('Alex Example');
    const tl = (rec.fields.tasklist as { id: string }).id;
    expect(zoho.recordUrl(tasks, rec)).toBe(
      `https://projects.zoho.eu/portal/${DEMO_PORTAL_NAME}#taskdetail/${DEMO_PROJECT_IDS.website}/${tl}/${rec.id}`,
    );
    const [iss] = (await zoho.listRecords(issues, { page: 1, perPage: 1 })).records;
    expect(zoho.recordUrl(issues, iss)).toBe(
      `https://projects.zoho.eu/portal/${DEMO_PORTAL_NAME}#buginfo/${DEMO_PROJECT_IDS.website}/${iss.id}`,
    );
    await zoho.close();
  });

  it("modifiedAfter: the server's day filter (Filter Guide shape) is narrowed to exact times client-side", async () => {
    const { zoho } = connect();
    const all = (await zoho.listRecords(tasks, { page: 1, perPage: 200 })).records;
    const times = all.map((r) => r.modifiedAt!).sort();
    const cut = times[Math.floor(times.length / 2)];
    const page = await zoho.listRecords(tasks, { page: 1, perPage: 200, modifiedAfter: cut, sortByModified: true });
    expect(page.records.every((r) => r.modifiedAt! > cut)).toBe(true);
    expect(page.olderSeen).toBe(true);
    await zoho.close();
  });

  it('the call budget stops a burst before Zoho would block the user, without calling Zoho', async () => {
    const { zoho, counters } = connect();
    const small = createZohoClient({
      dataCenter: 'eu',
      overrides: { ZOHO_API_URL: sim.url },
      tokens: {
        get: async () => sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token,
        invalidate: () => undefined,
      },
      budget: createZohoBudget({ limit: 3, windowMs: 120_000, maxWaitMs: 0 }),
    });
    for (let i = 0; i < 3; i++) await small.listPortals();
    const before = sim.control.countCalls({ pathIncludes: '/api/v3/portals' });
    const err = (await small.listPortals().catch((e: unknown) => e)) as ApplicationFailure;
    expect(err.type).toBe('ZohoBudgetExhausted');
    expect(err.nonRetryable).toBe(false);
    expect(Number(err.nextRetryDelay)).toBeGreaterThan(100_000);
    expect(sim.control.countCalls({ pathIncludes: '/api/v3/portals' })).toBe(before);
    expect(counters.calls).toEqual([]);
    await small.close();
    await zoho.close();
  });

  it("Zoho's HTTP 400 URL_ROLLING_THROTTLES_LIMIT_EXCEEDED is treated as a rate limit", async () => {
    const { zoho } = connect();
    sim.control.resetRateLimits();
    sim.control.setSwitches({ rateLimitStyle: '400' });
    sim.control.setRateLimit({ limit: 1 });
    try {
      await zoho.listPortals();
      // Our own budget saw RateLimit-Remaining: 0 and would hold back; a second connection does not know.
      await expect(zoho.listPortals()).rejects.toMatchObject({ type: 'ZohoBudgetExhausted' });
      const other = connect().zoho;
      const err = (await other.listPortals().catch((e: unknown) => e)) as HttpFailure;
      await other.close();
      expect(err).toBeInstanceOf(HttpFailure);
      expect(err.status).toBe(400);
      expect(err.kind).toBe('rate_limited');
      expect(err.nonRetryable).toBe(false);
      expect(Number(err.nextRetryDelay)).toBeGreaterThanOrEqual(60_000);
    } finally {
      sim.control.setSwitches({ rateLimitStyle: '429' });
      sim.control.setRateLimit({ limit: 200 });
      sim.control.resetRateLimits();
      await zoho.close();
    }
  });
});

describe('modified-time filter across portal time zones', () => {
  const DAY = 86_400_000;
  const cases = [-720, -330, 0, 330, 840].flatMap((offset) => [
    { offset, where: '30 s before the portal’s midnight', shiftMin: offset, deltaMs: -30_000 },
    { offset, where: '10 s after UTC midnight', shiftMin: 0, deltaMs: 10_000 },
  ]);
  it.each(cases)(
    'portal at UTC $offset min: a write a minute after a cursor $where is in the filtered list',
    async ({ offset, shiftMin, deltaMs }) => {
      sim.control.setSwitches({ portalUtcOffsetMinutes: offset });
      try {
        // Move the simulator next to the next midnight (of the portal, or of UTC).
        const shift = shiftMin * 60_000;
        const now = sim.control.now();
        const midnight = (Math.floor((now + shift) / DAY) + 1) * DAY - shift;
        sim.control.advanceTime(midnight + deltaMs - now);
        const cursor = new Date(sim.control.now()).toISOString();
        sim.control.advanceTime(60_000);
        const first = connect().zoho;
        const target = (await first.listRecords(tasks, { page: 1, perPage: 1 })).records[0];
        await first.close();
        sim.control.editRecord(target.id, { priority: 'high' });
        const { zoho } = connect();
        const page = await zoho.listRecords(tasks, {
          page: 1,
          perPage: 200,
          modifiedAfter: cursor,
          sortByModified: true,
        });
        expect(page.records.map((r) => r.id)).toEqual([target.id]);
        await zoho.close();
      } finally {
        sim.control.setSwitches({ portalUtcOffsetMinutes: 0 });
      }
    },
  );
});
