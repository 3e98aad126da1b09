import { Readable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import { startJiraSim, DEMO_ACCOUNTS, DEMO_FIELDS, type JiraSim } from '../../sim/jira';
import { createJiraClient, JIRA_TOKEN_MISSING_MESSAGE } from '../../integrations/jira/client';
import { HttpFailure } from '../../integrations/http/failures';
import type { Adf } from '../../integrations/jira/types';

let sim: JiraSim;
const doc = (text: string): Adf => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

beforeAll(async () => {
  sim = await startJiraSim({ seed: 'demo' });
});
afterAll(async () => {
  expect(sim.control.violations().filter((v) => !v.expected)).toEqual([]);
  await sim.close();
});

function client(token: () => Promise<string | null> = async () => 'sim-system-token') {
  const calls: string[] = [];
  const jira = createJiraClient({
    baseUrl: sim.apiBaseUrl,
    token,
    onCall: (_o, m, p, s) => calls.push(`${m} ${p} ${s}`),
  });
  return { jira, calls };
}

describe('Jira Cloud client against the simulator (OpenAPI-validated)', () => {
  it('reads the app user, projects, issue types, create fields and statuses', async () => {
    const { jira } = client();
    expect((await jira.myself()).accountId).toBe(DEMO_ACCOUNTS.app);
    const projects = await jira.listProjects();
    const ops = projects.find((p) => p.key === 'OPS')!;
    expect(ops).toMatchObject({ id: '10000', name: 'Operations' });
    const types = await jira.listIssueTypes(ops.id);
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['Task', 'Bug']));
    const task = types.find((t) => t.name === 'Task')!;
    const fields = await jira.listFields(ops.id, task.id);
    expect(fields.find((f) => f.id === 'summary')).toMatchObject({ type: 'string', required: true, custom: false });
    expect(fields.find((f) => f.id === 'description')?.type).toBe('adf');
    expect(fields.find((f) => f.id === DEMO_FIELDS.billingType)).toMatchObject({
      type: 'option',
      custom: true,
      allowedValues: expect.arrayContaining([{ id: '10100', value: 'Billable' }]),
    });
    const statuses = await jira.listStatuses(ops.id);
    expect(statuses).toEqual(
      expect.arrayContaining([
        { id: '10000', name: 'To Do', category: 'new' },
        expect.objectContaining({ name: 'Done', category: 'done' }),
      ]),
    );
    await jira.close();
  });

  it('create → edit → transition → comment → attachment → property round trip', async () => {
    const { jira } = client();
    const created = await jira.createIssue({
      projectId: '10000',
      issueTypeId: '10001',
      fields: {
        summary: 'From Zoho: Build ADaaS',
        description: doc('Synced from Zoho'),
        [DEMO_FIELDS.billingType]: { id: '10100' },
      },
      properties: [{ key: 'zoho-link', value: { recordId: '2447529000000057190' } }],
    });
    expect(created.key).toMatch(/^OPS-\d+$/);
    await jira.editIssue(created.id, { summary: 'Renamed', [DEMO_FIELDS.estimateHours]: 5 });
    let issue = (await jira.getIssue(created.key, ['summary', DEMO_FIELDS.estimateHours]))!;
    expect(issue).toMatchObject({ id: created.id, key: created.key, projectId: '10000', issueTypeId: '10001' });
    expect(issue.fields.summary).toBe('Renamed');
    expect(issue.fields[DEMO_FIELDS.estimateHours]).toBe(5);
    expect(issue.status.category).toBe('new');

    const transitions = await jira.getTransitions(created.id);
    const toProgress = transitions.find((t) => t.to.category === 'indeterminate')!;
    await jira.transition(created.id, toProgress.id);
    issue = (await jira.getIssue(created.id))!;
    expect(issue.status.id).toBe(toProgress.to.id);

    const { id: commentId } = await jira.addComment(created.id, doc('Hello from Zoho'));
    const comments = await jira.listComments(created.id);
    expect(comments.find((c) => c.id === commentId)).toMatchObject({
      authorAccountId: DEMO_ACCOUNTS.app,
      body: doc('Hello from Zoho'),
    });
    await jira.deleteComment(created.id, commentId);
    expect((await jira.listComments(created.id)).some((c) => c.id === commentId)).toBe(false);

    const content = Buffer.from('x'.repeat(100_000));
    const att = await jira.uploadAttachment(created.id, {
      name: 'spec.txt',
      size: content.length,
      contentType: 'text/plain',
      stream: Readable.from([content]),
    });
    expect(att).toMatchObject({ filename: 'spec.txt', size: content.length });
    expect((await jira.listAttachments(created.id)).map((a) => a.id)).toContain(att.id);
    const dl = await jira.downloadAttachment(att.id);
    const chunks: Buffer[] = [];
    for await (const c of dl.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);

    expect(await jira.getProperty(created.id, 'zoho-link')).toEqual({ recordId: '2447529000000057190' });
    await jira.setProperty(created.id, 'zoho-link', { recordId: '2447529000000057191' });
    expect(await jira.getProperty(created.id, 'zoho-link')).toEqual({ recordId: '2447529000000057191' });
    expect(await jira.getIssue('OPS-99999')).toBeNull();
    await jira.close();
  });

  it('searches with JQL, paged by nextPageToken', async () => {
    const { jira } = client();
    const first = await jira.searchJql({
      jql: 'project = OPS ORDER BY created ASC',
      fields: ['summary'],
      maxResults: 1,
    });
    expect(first.issues).toHaveLength(1);
    expect(first.issues[0].fields.summary).toBeDefined();
    expect(first.nextPageToken).toBeDefined();
    const second = await jira.searchJql({
      jql: 'project = OPS ORDER BY created ASC',
      fields: ['summary'],
      maxResults: 1,
      nextPageToken: first.nextPageToken,
    });
    expect(second.issues[0].id).not.toBe(first.issues[0].id);
    await jira.close();
  });

  it('no stored token: a retryable failure that says the token arrives with the next Forge call', async () => {
    const { jira, calls } = client(async () => null);
    const err = (await jira.myself().catch((e: unknown) => e)) as ApplicationFailure;
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toBe(JIRA_TOKEN_MISSING_MESSAGE);
    expect(err.nextRetryDelay).toBe(60_000);
    expect(calls).toEqual([]);
  });

  it('expired token: retries once with a fresher stored token, else waits for one', async () => {
    sim.control.addToken('old-token', DEMO_ACCOUNTS.app);
    sim.control.addToken('new-token', DEMO_ACCOUNTS.app);
    sim.control.expireToken('old-token');
    const seq = ['old-token', 'new-token'];
    const { jira } = client(async () => seq.shift() ?? 'new-token');
    expect((await jira.myself()).accountId).toBe(DEMO_ACCOUNTS.app);
    const stale = client(async () => 'old-token').jira;
    const err = (await stale.myself().catch((e: unknown) => e)) as ApplicationFailure;
    expect(err.type).toBe('JiraTokenMissing');
    expect(err.nonRetryable).toBe(false);
    expect(err.message).not.toContain('old-token');
    await jira.close();
    await stale.close();
  });

  it("429 with Retry-After becomes a retryable failure with that wait; 400 carries Jira's errors", async () => {
    const { jira } = client();
    sim.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 9, path: '/rest/api/3/myself' });
    const err = (await jira.myself().catch((e: unknown) => e)) as HttpFailure;
    expect(err.kind).toBe('rate_limited');
    expect(err.nextRetryDelay).toBe(9_000);
    const bad = (await jira
      .createIssue({ projectId: '10000', issueTypeId: '10001', fields: {} })
      .catch((e: unknown) => e)) as HttpFailure;
    expect(bad).toBeInstanceOf(HttpFailure);
    expect(bad.kind).toBe('client');
    expect(bad.nonRetryable).toBe(true);
    expect(bad.message).toMatch(/HTTP 400: .*summary/);
    await jira.close();
  });
});
