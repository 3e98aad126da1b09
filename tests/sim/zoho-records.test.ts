import {
  DEMO_CLIENT_ID,
  DEMO_PORTAL_ID,
  DEMO_PROJECT_IDS,
  DEMO_USERS,
  startZohoSim,
  type ZohoSim,
} from '../../sim/zoho';

let sim: ZohoSim;
let auth: Record<string, string>;
const base = () => `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.website}`;

beforeEach(async () => {
  sim = await startZohoSim();
  auth = { Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}` };
});
afterEach(async () => {
  await sim.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(path.startsWith('http') ? path : `${base()}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

/** All "id" values in raw JSON text, before JSON.parse can touch them. */
const rawIds = (text: string) =>
  [...text.matchAll(/"id":\s*("?)(\d+)\1/g)].map((m) => ({ quoted: m[1] === '"', digits: m[2] }));

describe('Zoho V3 records', () => {
  it('ids survive as exact 19-digit strings through list, get and patch', async () => {
    const list = await call('GET', '/tasks?page=1&per_page=100');
    const ids = rawIds(list.text);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      expect(id.quoted).toBe(true);
      expect(id.digits).toMatch(/^\d{19}$/);
    }
    const first = list.json.tasks[0];
    expect(BigInt(first.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const got = await call('GET', `/tasks/${first.id}`);
    expect(got.json.id).toBe(first.id);
    expect(got.text).toContain(`"id":"${first.id}"`);
    const patched = await call('PATCH', `/tasks/${first.id}`, { name: 'Renamed' });
    expect(patched.status).toBe(200);
    expect(patched.text).toContain(`"id":"${first.id}"`);
    expect(patched.json.name).toBe('Renamed');
  });

  it('task carries the V3 record fields: prefix, status with is_closed_type, owners, billing_type, ISO ms times', async () => {
    const { json } = await call('GET', '/tasks?page=1&per_page=1');
    const t = json.tasks[0];
    expect(t.prefix).toBe('EZ1-T1');
    expect(t.status).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      color: expect.any(String),
      color_hexcode: expect.any(String),
      is_closed_type: false,
      type: 'inprogress',
    });
    expect(t.owners_and_work.owners[0]).toEqual({
      zpuid: expect.stringMatching(/^\d{19}$/),
      zuid: expect.any(String),
      name: 'Priya Raman',
      email: 'priya@example.com',
    });
    expect(t.billing_type).toBe('billable');
    expect(t.last_modified_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const issues = await call('GET', '/issues?page=1&per_page=1');
    expect(issues.json.issues[0].prefix).toBe('EZ1-I1');
  });

  it('PATCH with an unknown key → 400 EXTRA_KEY_FOUND_IN_JSON and nothing changes', async () => {
    const id = (await call('GET', '/tasks?page=1&per_page=1')).json.tasks[0].id;
    const before = (await call('GET', `/tasks/${id}`)).json;
    const res = await call('PATCH', `/tasks/${id}`, { name: 'x', not_a_field: 1 });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        status_code: '400',
        title: 'EXTRA_KEY_FOUND_IN_JSON',
        error_type: expect.any(String),
        details: [expect.objectContaining({ field_name: 'not_a_field' })],
      },
    });
    expect((await call('GET', `/tasks/${id}`)).json).toEqual(before);
  });

  it('only PATCH updates: PUT → INVALID_METHOD', async () => {
    const id = (await call('GET', '/tasks?page=1&per_page=1')).json.tasks[0].id;
    const res = await call('PUT', `/tasks/${id}`, { name: 'x' });
    expect(res.json.error.title).toBe('INVALID_METHOD');
  });

  it('status change {status:{id}} moves the status and bumps last_modified_time', async () => {
    const t = (await call('GET', '/tasks?page=1&per_page=1')).json.tasks[0];
    const closed = sim.state.statuses.tasks.find((s) => s.is_closed_type)!;
    sim.control.advanceTime(5000);
    const res = await call('PATCH', `/tasks/${t.id}`, { status: { id: closed.id } });
    expect(res.json.status).toMatchObject({ id: closed.id, is_closed_type: true, type: 'closed' });
    expect(res.json.is_completed).toBe(true);
    expect(Date.parse(res.json.last_modified_time)).toBeGreaterThan(Date.parse(t.last_modified_time));
    const bad = await call('PATCH', `/tasks/${t.id}`, { status: { id: '1' } });
    expect(bad.json.error.title).toBe('INVALID_PARAMETER_VALUE');
  });

  it('custom picklist Billing Type is listed under settings and writable by value', async () => {
    const fields = await call('GET', `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/settings/fields?module=issues`);
    expect(fields.json.fields).toContainEqual(
      expect.objectContaining({
        api_name: 'billing_type',
        display_name: 'Billing Type',
        column_type: 'picklist',
        is_custom_field: true,
      }),
    );
    const statuses = await call(
      'GET',
      `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/settings/options?module=tasks&field=status`,
    );
    expect(statuses.json.options.map((s: { type: string }) => s.type)).toEqual([
      'open',
      'inprogress',
      'inprogress',
      'closed',
    ]);
    const id = (await call('GET', '/issues?page=1&per_page=1')).json.issues[0].id;
    expect((await call('PATCH', `/issues/${id}`, { billing_type: 'non_billable' })).json.billing_type).toBe(
      'non_billable',
    );
    expect((await call('PATCH', `/issues/${id}`, { billing_type: 'sometimes' })).status).toBe(400);
  });

  it('POST creates with 201 and a next prefix; DELETE answers 204 and the record is gone', async () => {
    const created = await call('POST', '/tasks', { name: 'New one', priority: 'high' });
    expect(created.status).toBe(201);
    expect(created.json.prefix).toBe('EZ1-T7');
    expect((await call('POST', '/tasks', { priority: 'high' })).json.error.title).toBe('LESS_THAN_MIN_OCCURANCE');
    sim.control.setRateLimit({ limit: 1000 });
    const token = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID, scopes: ['ZohoProjects.tasks.ALL'] });
    auth = { Authorization: `Zoho-oauthtoken ${token.access_token}` };
    expect((await call('DELETE', `/tasks/${created.json.id}`)).status).toBe(204);
    expect((await call('GET', `/tasks/${created.json.id}`)).status).toBe(404);
  });

  it('paging: has_next_page is true until the last page; issues require page and per_page', async () => {
    const ids = sim.control.seedItems({ projectId: DEMO_PROJECT_IDS.mobile, count: 25 });
    const mobile = `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.mobile}`;
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { json } = await call('GET', `${mobile}/tasks?page=${page}&per_page=10`);
      seen.push(...json.tasks.map((t: { id: string }) => t.id));
      expect(json.page_info).toMatchObject({ page, per_page: 10 });
      if (!json.page_info.has_next_page) break;
    }
    expect(seen).toEqual([
      ...sim.state
        .list(DEMO_PROJECT_IDS.mobile, 'tasks')
        .inCreatedOrder()
        .map((i) => i.id),
    ]);
    expect(seen.slice(-25)).toEqual(ids);
    expect((await call('GET', `${mobile}/issues`)).json.error.title).toBe('LESS_THAN_MIN_OCCURANCE');
    const milestones = await call('GET', '/milestones');
    expect(Array.isArray(milestones.json.page_info)).toBe(true);
  });

  it('comments: list, POST returns a top-level array, PATCH, DELETE', async () => {
    const id = (await call('GET', '/tasks?page=1&per_page=1')).json.tasks[0].id;
    const added = await call('POST', `/tasks/${id}/comments`, { comment: '<div>hi from Jira</div>' });
    expect(added.status).toBe(201);
    expect(Array.isArray(added.json)).toBe(true);
    expect(added.json[0]).toMatchObject({ comment: '<div>hi from Jira</div>', created_by: { name: 'Alex Example' } });
    const cid = added.json[0].id;
    expect((await call('PATCH', `/tasks/${id}/comments/${cid}`, { comment: '<div>edited</div>' })).json.comment).toBe(
      '<div>edited</div>',
    );
    const list = await call('GET', `/tasks/${id}/comments?page=1&per_page=50`);
    expect(list.json.comments.map((c: { id: string }) => c.id)).toContain(cid);
    expect((await call('DELETE', `/tasks/${id}/comments/${cid}`)).status).toBe(204);
  });

  it('followers are documented for issues only: a task followers URL answers HTTP 400 URL_RULE_NOT_CONFIGURED', async () => {
    const task = (await call('GET', '/tasks?page=1&per_page=1')).json.tasks[0];
    const res = await call('GET', `/tasks/${task.id}/followers`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { status_code: '400', title: 'URL_RULE_NOT_CONFIGURED' } });
  });

  it('followers and search by name or prefix', async () => {
    const issue = (await call('GET', '/issues?page=1&per_page=1')).json.issues[0];
    const added = await call('POST', `/issues/${issue.id}/followers`, { follower_ids: ['2447529000000054003'] });
    expect(added.json.followers.map((f: { zpuid: string }) => f.zpuid)).toContain('2447529000000054003');
    const search = await call(
      'GET',
      `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}/search?search_term=ez1-i1&module=issues`,
    );
    expect(search.json.issues.map((i: { id: string }) => i.id)).toEqual([issue.id]);
  });

  it('acting as a Zoho user bumps last_modified_time; the Filter Guide filter and sort_by find it (days, pattern)', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const t = (await call('GET', '/tasks?page=1&per_page=1')).json.tasks[0];
    sim.control.advanceTime(3 * 86_400_000);
    auth = { Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}` };
    const yesterday = day(sim.control.now() - 86_400_000);
    sim.control.addComment(t.id, '<div>from Zoho UI</div>');
    const filter = (f: unknown) => `filter=${encodeURIComponent(JSON.stringify(f))}`;
    const since = filter({
      criteria: [{ field_name: 'last_modified_time', criteria_condition: 'after', value: [yesterday] }],
      pattern: '1',
    });
    const q = `/tasks?page=1&per_page=100&sort_by=DESC(last_modified_time)&${since}`;
    const all = (await call('GET', '/tasks?page=1&per_page=100')).json.tasks;
    expect((await call('GET', q)).json.tasks.map((x: { id: string }) => x.id)).toEqual([t.id]);
    sim.control.advanceTime(1000);
    sim.control.editRecord(all[3].id, { priority: 'low' });
    const on = await call('GET', q);
    expect(on.json.tasks.map((x: { id: string }) => x.id)).toEqual([all[3].id, t.id]);
    const ascending = await call('GET', q.replace('DESC(', 'ASC('));
    expect(ascending.json.tasks.map((x: { id: string }) => x.id)).toEqual([t.id, all[3].id]);
    // Two criteria combined by the pattern.
    const window = filter({
      criteria: [
        { field_name: 'last_modified_time', criteria_condition: 'after', value: [yesterday] },
        { field_name: 'created_time', criteria_condition: 'on', value: [day(Date.parse(all[3].created_time))] },
      ],
      pattern: '(1 AND 2)',
    });
    expect(
      (await call('GET', `/tasks?page=1&per_page=100&${window}`)).json.tasks.map((x: { id: string }) => x.id),
    ).toEqual([all[3].id]);

    sim.control.setSwitches({ sortByModifiedTime: false, filterByModifiedTime: false });
    const off = await call('GET', q);
    expect(off.json.tasks.length).toBe(6);
    expect(off.json.tasks[0].id).toBe(t.id); // created order: switched off, params ignored
  });

  it.each([
    [
      'no pattern',
      { criteria: [{ field_name: 'last_modified_time', criteria_condition: 'after', value: ['2026-01-01'] }] },
      'LESS_THAN_MIN_OCCURANCE',
    ],
    [
      'a date-time value',
      {
        criteria: [
          { field_name: 'last_modified_time', criteria_condition: 'after', value: ['2026-01-01T10:00:00.000Z'] },
        ],
        pattern: '1',
      },
      'INVALID_PARAMETER_VALUE',
    ],
    [
      'a pattern naming a missing criterion',
      {
        criteria: [{ field_name: 'last_modified_time', criteria_condition: 'after', value: ['2026-01-01'] }],
        pattern: '1 AND 2',
      },
      'INVALID_PARAMETER_VALUE',
    ],
    [
      'an unknown comparator',
      {
        criteria: [{ field_name: 'last_modified_time', criteria_condition: 'greater_than', value: ['2026-01-01'] }],
        pattern: '1',
      },
      'INVALID_PARAMETER_VALUE',
    ],
    ['no criteria', { pattern: '1' }, 'INVALID_PARAMETER_VALUE'],
    ['text that is not JSON', '{criteria:', 'JSON_PARSE_ERROR'],
  ])('a malformed filter (%s) is refused with 400 %s, never read as an empty list', async (_what, f, title) => {
    const raw = typeof f === 'string' ? f : JSON.stringify(f);
    const res = await call('GET', `/tasks?page=1&per_page=100&filter=${encodeURIComponent(raw)}`);
    expect(res.status).toBe(400);
    expect(res.json.error.title).toBe(title);
  });

  it('a list that does not filter (refuseModifiedTimeFilter) answers 400 naming the filter param', async () => {
    sim.control.setSwitches({ refuseModifiedTimeFilter: true });
    const f = {
      criteria: [{ field_name: 'last_modified_time', criteria_condition: 'after', value: ['2026-01-01'] }],
      pattern: '1',
    };
    const res = await call('GET', `/tasks?page=1&per_page=100&filter=${encodeURIComponent(JSON.stringify(f))}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ title: 'INVALID_PARAMETER_VALUE', details: [{ field_name: 'filter' }] });
    expect((await call('GET', '/tasks?page=1&per_page=100')).json.tasks.length).toBe(6);
  });

  it('owners are changed with add/remove (Field Types), keeping the others; a plain list replaces them', async () => {
    const [alex, priya, sam] = DEMO_USERS;
    const task = (await call('GET', '/tasks?page=1&per_page=100')).json.tasks[3];
    const owners = async () =>
      (await call('GET', `/tasks/${task.id}`)).json.owners_and_work.owners.map((o: { zpuid: string }) => o.zpuid);
    expect(await owners()).toEqual([priya.zpuid, sam.zpuid]);
    const change = { add: [{ zpuid: alex.zpuid }], remove: [{ zpuid: priya.zpuid }] };
    expect((await call('PATCH', `/tasks/${task.id}`, { owners_and_work: { owners: [change] } })).status).toBe(200);
    expect(await owners()).toEqual([sam.zpuid, alex.zpuid]);
    // The unwrapped form a public integration writes.
    const back = { add: [{ zpuid: priya.zpuid }] };
    expect((await call('PATCH', `/tasks/${task.id}`, { owners_and_work: { owners: back } })).status).toBe(200);
    expect(await owners()).toEqual([sam.zpuid, alex.zpuid, priya.zpuid]);
    const bad = await call('PATCH', `/tasks/${task.id}`, { owners_and_work: { owners: [{ add: [alex.zpuid] }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.title).toBe('INVALID_PARAMETER_VALUE');
    await call('PATCH', `/tasks/${task.id}`, { owners_and_work: { owners: [{ zpuid: alex.zpuid }] } });
    expect(await owners()).toEqual([alex.zpuid]);
  });
});
