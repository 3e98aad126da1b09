import {
  DEMO_ACCOUNTS,
  DEMO_FIELDS,
  DEMO_TRANSITIONS,
  demoSeed,
  startJiraSim,
  type JiraSim,
  type JiraSimEvent,
} from '../../sim/jira';
import { jiraSimClient } from '../../sim/jira/sim-client';

const doc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describe('Jira simulator: issues, workflow, comments, attachments, properties', () => {
  let sim: JiraSim;
  let jira: ReturnType<typeof jiraSimClient>;

  beforeAll(async () => {
    sim = await startJiraSim();
    jira = jiraSimClient(sim.url);
  });
  afterAll(async () => {
    expect(sim.control.violations().filter((v) => !v.expected)).toEqual([]);
    await sim.close();
  });

  async function createTask(summary: string, extra: Record<string, unknown> = {}) {
    const res = await jira.post('/rest/api/3/issue', {
      fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary, ...extra },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; self: string };
  }

  it('creates an issue with custom fields and properties and returns {id, key, self}', async () => {
    const res = await jira.post('/rest/api/3/issue', {
      fields: {
        project: { key: 'OPS' },
        issuetype: { id: '10002' },
        summary: 'Printer on fire',
        description: doc('Smoke everywhere'),
        [DEMO_FIELDS.billingType]: { value: 'Billable' },
        [DEMO_FIELDS.estimateHours]: 2.5,
        labels: ['hardware'],
      },
      properties: [{ key: 'zjc.link', value: { zohoTaskId: '991' } }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^OPS-\d+$/),
      self: `${sim.url}/rest/api/3/issue/${res.body.id}`,
    });
    const issue = await jira.get(
      `/rest/api/3/issue/${res.body.key}?fields=summary,status,${DEMO_FIELDS.billingType},${DEMO_FIELDS.estimateHours}&properties=zjc.link`,
    );
    expect(issue.status).toBe(200);
    expect(issue.body.fields.summary).toBe('Printer on fire');
    expect(issue.body.fields.status.name).toBe('To Do');
    expect(issue.body.fields.status.statusCategory.key).toBe('new');
    expect(issue.body.fields[DEMO_FIELDS.billingType]).toMatchObject({ value: 'Billable', id: '10100' });
    expect(issue.body.fields[DEMO_FIELDS.estimateHours]).toBe(2.5);
    expect(issue.body.fields.description).toBeUndefined();
    expect(issue.body.properties).toEqual({ 'zjc.link': { zohoTaskId: '991' } });
  });

  it('refuses invalid field values with Jira errors keyed by field', async () => {
    const res = await jira.post('/rest/api/3/issue', {
      fields: {
        project: { key: 'OPS' },
        issuetype: { name: 'Task' },
        summary: 'x',
        description: 'plain text is not ADF',
        [DEMO_FIELDS.billingType]: { value: 'Sometimes' },
        customfield_99999: 'x',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      description: expect.stringMatching(/Atlassian Document/),
      [DEMO_FIELDS.billingType]: "Option value 'Sometimes' is not valid",
      customfield_99999: expect.stringMatching(/cannot be set/),
    });
  });

  it('edits fields (204), bumps updated and records a changelog with from/to strings', async () => {
    const { key } = await createTask('Edit me', { [DEMO_FIELDS.billingType]: { value: 'Billable' } });
    const before = (await jira.get(`/rest/api/3/issue/${key}?fields=updated`)).body.fields.updated;
    const res = await jira.put(`/rest/api/3/issue/${key}`, {
      fields: { summary: 'Edited', [DEMO_FIELDS.billingType]: { value: 'Non-billable' } },
      update: { labels: [{ add: 'triaged' }] },
    });
    expect(res.status).toBe(204);
    const after = await jira.get(`/rest/api/3/issue/${key}?expand=changelog`);
    expect(after.body.fields.summary).toBe('Edited');
    expect(after.body.fields.labels).toEqual(['triaged']);
    expect(Date.parse(after.body.fields.updated.replace('+0000', 'Z'))).toBeGreaterThanOrEqual(
      Date.parse(before.replace('+0000', 'Z')),
    );
    const items = after.body.changelog.histories[0].items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'summary', fromString: 'Edit me', toString: 'Edited' }),
        expect.objectContaining({
          field: 'Billing Type',
          fieldtype: 'custom',
          fieldId: DEMO_FIELDS.billingType,
          from: '10100',
          fromString: 'Billable',
          to: '10101',
          toString: 'Non-billable',
        }),
      ]),
    );
  });

  it('lists only the transitions the workflow allows from the current status and applies one (204)', async () => {
    const { key } = await createTask('Workflow');
    const list = await jira.get(`/rest/api/3/issue/${key}/transitions?expand=transitions.fields`);
    expect(list.status).toBe(200);
    expect(list.body.transitions.map((t: { id: string }) => t.id)).toEqual([DEMO_TRANSITIONS.start]);
    const moved = await jira.post(`/rest/api/3/issue/${key}/transitions`, {
      transition: { id: DEMO_TRANSITIONS.start },
    });
    expect(moved.status).toBe(204);
    const issue = await jira.get(`/rest/api/3/issue/${key}?fields=status`);
    expect(issue.body.fields.status).toMatchObject({ name: 'In Progress', statusCategory: { key: 'indeterminate' } });
  });

  it('refuses a transition not available from the current status (400), leaving the status unchanged', async () => {
    const { key } = await createTask('No shortcut');
    const res = await jira.post(`/rest/api/3/issue/${key}/transitions`, { transition: { id: DEMO_TRANSITIONS.done } });
    expect(res.status).toBe(400);
    expect(res.body.errorMessages[0]).toMatch(/not valid for this issue/);
    expect((await jira.get(`/rest/api/3/issue/${key}?fields=status`)).body.fields.status.name).toBe('To Do');
  });

  it('offers transitions by the current status only, and a screen that requires a field refuses a move without it', async () => {
    const ops = demoSeed().projects.find((p) => p.key === 'OPS')!.workflow;
    const strict = structuredClone(ops);
    strict.transitions.find((t) => t.id === DEMO_TRANSITIONS.done)!.requiredFields = [DEMO_FIELDS.estimateHours];
    sim.control.setWorkflow('OPS', strict);
    try {
      const { key } = await createTask('Strict screen');
      sim.control.as(DEMO_ACCOUNTS.bob).moveToStatus(key, 'In Review');
      const list = await jira.get(`/rest/api/3/issue/${key}/transitions?expand=transitions.fields`);
      expect(list.body.transitions.map((t: { id: string }) => t.id)).toEqual([
        DEMO_TRANSITIONS.backToProgress,
        DEMO_TRANSITIONS.done,
      ]);
      const done = list.body.transitions.find((t: { id: string }) => t.id === DEMO_TRANSITIONS.done);
      expect(done).toMatchObject({ hasScreen: true, fields: { [DEMO_FIELDS.estimateHours]: { required: true } } });
      const refused = await jira.post(`/rest/api/3/issue/${key}/transitions`, {
        transition: { id: DEMO_TRANSITIONS.done },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual({ [DEMO_FIELDS.estimateHours]: 'Estimate Hours is required.' });
      expect((await jira.get(`/rest/api/3/issue/${key}?fields=status`)).body.fields.status.name).toBe('In Review');
      const moved = await jira.post(`/rest/api/3/issue/${key}/transitions`, {
        transition: { id: DEMO_TRANSITIONS.done },
        fields: { [DEMO_FIELDS.estimateHours]: 3 },
      });
      expect(moved.status).toBe(204);
      expect((await jira.get(`/rest/api/3/issue/${key}?fields=status`)).body.fields.status.name).toBe('Done');
    } finally {
      sim.control.setWorkflow('OPS', ops);
    }
  });

  it('adds, reads, edits and deletes ADF comments with {id, body, author, created, updated}', async () => {
    const { key } = await createTask('Chatty');
    const created = await jira.post(`/rest/api/3/issue/${key}/comment`, { body: doc('First!') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      body: doc('First!'),
      author: { accountId: DEMO_ACCOUNTS.app },
      created: expect.any(String),
      updated: expect.any(String),
    });
    const edited = await jira.put(`/rest/api/3/issue/${key}/comment/${created.body.id}`, {
      body: doc('Second thoughts'),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.body).toEqual(doc('Second thoughts'));
    const list = await jira.get(`/rest/api/3/issue/${key}/comment`);
    expect(list.body).toMatchObject({ total: 1, comments: [{ id: created.body.id }] });
    expect((await jira.del(`/rest/api/3/issue/${key}/comment/${created.body.id}`)).status).toBe(204);
    expect((await jira.get(`/rest/api/3/issue/${key}/comment`)).body.total).toBe(0);
  });

  it('round-trips an attachment through multipart upload (X-Atlassian-Token required) and download', async () => {
    const { key } = await createTask('With file');
    const content = Buffer.from('hello attachment \u00e9\u0000\u00ff', 'utf8');
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([content], { type: 'text/plain' }), 'note.txt');
      return f;
    };
    const blocked = await jira.raw(`/rest/api/3/issue/${key}/attachments`, { method: 'POST', body: form() });
    expect(blocked.status).toBe(403);
    const res = await jira.raw(`/rest/api/3/issue/${key}/attachments`, {
      method: 'POST',
      body: form(),
      headers: { 'X-Atlassian-Token': 'no-check' },
    });
    expect(res.status).toBe(200);
    const [attachment] = (await res.json()) as Array<{
      id: string;
      filename: string;
      size: number;
      mimeType: string;
      content: string;
    }>;
    expect(attachment).toMatchObject({ filename: 'note.txt', size: content.length, mimeType: 'text/plain' });
    const meta = await jira.get(`/rest/api/3/attachment/${attachment.id}`);
    expect(meta.body).toMatchObject({ filename: 'note.txt', size: content.length });
    const redirect = await jira.raw(`/rest/api/3/attachment/content/${attachment.id}`);
    expect(redirect.status).toBe(303);
    const download = await fetch(redirect.headers.get('location')!);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
    const direct = await jira.raw(`/rest/api/3/attachment/content/${attachment.id}?redirect=false`);
    expect(Buffer.from(await direct.arrayBuffer())).toEqual(content);
  });

  it('stores issue properties (201 then 200), reads and deletes them', async () => {
    const { key } = await createTask('Props');
    expect((await jira.put(`/rest/api/3/issue/${key}/properties/zjc.link`, { sci: 'a' })).status).toBe(201);
    expect((await jira.put(`/rest/api/3/issue/${key}/properties/zjc.link`, { sci: 'b' })).status).toBe(200);
    expect((await jira.get(`/rest/api/3/issue/${key}/properties/zjc.link`)).body).toEqual({
      key: 'zjc.link',
      value: { sci: 'b' },
    });
    expect((await jira.get(`/rest/api/3/issue/${key}/properties`)).body.keys).toEqual([
      expect.objectContaining({ key: 'zjc.link' }),
    ]);
    expect((await jira.del(`/rest/api/3/issue/${key}/properties/zjc.link`)).status).toBe(204);
    expect((await jira.get(`/rest/api/3/issue/${key}/properties/zjc.link`)).status).toBe(404);
  });

  it('emits Forge-style events when a user edits, comments or transitions in Jira', async () => {
    const { key } = await createTask('Watched');
    const events: JiraSimEvent[] = [];
    const stop = sim.control.onEvent((e) => events.push(e));
    const bob = sim.control.as(DEMO_ACCOUNTS.bob);
    bob.editIssue(key, { [DEMO_FIELDS.estimateHours]: 5 });
    bob.comment(key, 'Looks good');
    bob.transition(key, 'In Progress');
    stop();
    expect(events.map((e) => e.eventType)).toEqual([
      'avi:jira:updated:issue',
      'avi:jira:commented:issue',
      'avi:jira:updated:issue',
    ]);
    expect(events[0]).toMatchObject({ actorAccountId: DEMO_ACCOUNTS.bob, byApp: false, issue: { key } });
    expect(events[0].forge).toMatchObject({
      changelog: { items: [expect.objectContaining({ fieldId: DEMO_FIELDS.estimateHours, toString: '5' })] },
    });
    expect((events[1].forge.comment as { body: unknown }).body).toEqual(doc('Looks good'));
    const issue = await jira.get(`/rest/api/3/issue/${key}?fields=status,${DEMO_FIELDS.estimateHours}`);
    expect(issue.body.fields).toMatchObject({ status: { name: 'In Progress' }, [DEMO_FIELDS.estimateHours]: 5 });
  });

  it("deletes an issue (204) and then answers 404 in Jira's words", async () => {
    const { key } = await createTask('Short-lived');
    expect((await jira.del(`/rest/api/3/issue/${key}`)).status).toBe(204);
    const res = await jira.get(`/rest/api/3/issue/${key}`);
    expect(res.status).toBe(404);
    expect(res.body.errorMessages).toEqual(['Issue does not exist or you do not have permission to see it.']);
  });

  it('serves metadata: projects, statuses per issue type, create metadata with select options, fields', async () => {
    const projects = await jira.get('/rest/api/3/project/search');
    expect(projects.body.values.map((p: { key: string }) => p.key)).toEqual(['ENG', 'OPS']);
    const statuses = await jira.get('/rest/api/3/project/OPS/statuses');
    expect(statuses.body[0].statuses.map((s: { name: string }) => s.name)).toEqual([
      'To Do',
      'In Progress',
      'In Review',
      'Done',
      'Reopened',
    ]);
    const meta = await jira.get('/rest/api/3/issue/createmeta/OPS/issuetypes/10001');
    const billing = meta.body.fields.find((f: { fieldId: string }) => f.fieldId === DEMO_FIELDS.billingType);
    expect(billing.allowedValues.map((o: { value: string }) => o.value)).toEqual(['Billable', 'Non-billable']);
    const fields = await jira.get('/rest/api/3/field');
    expect(fields.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: DEMO_FIELDS.estimateHours,
          name: 'Estimate Hours',
          custom: true,
          schema: expect.objectContaining({ type: 'number' }),
        }),
      ]),
    );
  });
});
