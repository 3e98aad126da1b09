import { startJiraSim, type JiraSim } from '../../sim/jira';
import { jiraSimClient } from '../../sim/jira/sim-client';

const LAG_MS = 300;

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 5000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Jira simulator: JQL search (/rest/api/3/search/jql)', () => {
  let sim: JiraSim;
  let jira: ReturnType<typeof jiraSimClient>;

  beforeAll(async () => {
    sim = await startJiraSim({ searchLagMs: LAG_MS });
    jira = jiraSimClient(sim.url);
  });
  afterAll(async () => {
    expect(sim.control.violations().filter((v) => !v.expected)).toEqual([]);
    await sim.close();
  });

  const search = (jql: string, extra: Record<string, unknown> = {}) =>
    jira.post('/rest/api/3/search/jql', { jql, ...extra });

  it('finds an issue by property only after the index lag (eventual consistency), reconcileIssues reads it at once', async () => {
    const created = await jira.post('/rest/api/3/issue', {
      fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Linked' },
    });
    expect(
      (
        await jira.put(`/rest/api/3/issue/${created.body.id}/properties/zoho-connector-link`, {
          sciId: 'sci-42',
          zohoId: '7',
        })
      ).status,
    ).toBe(201);
    const jql = 'project = ENG AND issue.property[zoho-connector-link].sciId = "sci-42"';
    const startedAt = Date.now();

    const immediately = await search(jql);
    expect(immediately.status).toBe(200);
    expect(immediately.body).toEqual({ issues: [], isLast: true });

    const reconciled = await search(jql, { reconcileIssues: [Number(created.body.id)] });
    expect(reconciled.body.issues).toEqual([{ id: created.body.id }]);

    const later = await pollUntil(
      () => search(jql),
      (r) => r.body.issues.length > 0,
    );
    expect(later.body.issues).toEqual([{ id: created.body.id }]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(LAG_MS - 20);
  });

  it('pages with nextPageToken until isLast, without duplicates', async () => {
    sim.control.setSearchLag(0);
    for (let i = 0; i < 7; i += 1) {
      sim.control.seedIssue({
        projectKey: 'OPS',
        issueType: 'Story',
        fields: { summary: `Paged ${i}`, labels: ['paging'] },
      });
    }
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const qs = new URLSearchParams({
        jql: 'labels = paging ORDER BY created ASC',
        maxResults: '3',
        fields: 'summary',
        ...(token ? { nextPageToken: token } : {}),
      });
      const page = await jira.get(`/rest/api/3/search/jql?${qs}`);
      expect(page.status).toBe(200);
      ids.push(...page.body.issues.map((i: { id: string }) => i.id));
      expect(page.body.issues[0].fields.summary).toMatch(/^Paged/);
      token = page.body.nextPageToken;
      expect(page.body.isLast).toBe(token === undefined);
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
  });

  it('supports the JQL the connector needs: project, issuetype, status, key in, updated >=, custom field', async () => {
    sim.control.setSearchLag(0);
    const keysOf = async (jql: string) =>
      (await search(jql, { fields: ['key'], maxResults: 100 })).body.issues.map((i: { key: string }) => i.key).sort();
    expect(await keysOf('project = OPS AND issuetype = Bug')).toEqual(['OPS-2']);
    expect(await keysOf('project = ENG AND status = Done')).toEqual(['ENG-2']);
    expect(await keysOf('key in (OPS-1, ENG-1)')).toEqual(['ENG-1', 'OPS-1']);
    expect(await keysOf('project = OPS AND "Billing Type" = Billable')).toEqual(['OPS-2']);
    expect(await keysOf('project = OPS AND cf[10031] >= 8')).toEqual(['OPS-2']);
    expect(
      await keysOf('project in (OPS, ENG) AND updated >= "2000/01/01 00:00" AND statusCategory != Done'),
    ).toContain('OPS-1');
    expect(await keysOf('project = OPS AND updated >= -1m AND updated < "2000-01-01"')).toEqual([]);
  });

  it('answers Jira errors for bad JQL, unbounded queries and unknown projects', async () => {
    expect((await search('project = ')).status).toBe(400);
    const unbounded = await search('order by created DESC');
    expect(unbounded.status).toBe(400);
    expect(unbounded.body.errorMessages[0]).toMatch(/Unbounded JQL/);
    const unknown = await search('project = NOPE');
    expect(unknown.body.errorMessages).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    const field = await search('project = OPS AND flavour = sweet');
    expect(field.body.errorMessages[0]).toMatch(/Field 'flavour' does not exist/);
  });

  it('answers 410 Gone on the retired /rest/api/3/search', async () => {
    const res = await jira.get('/rest/api/3/search?jql=project%20%3D%20OPS');
    expect(res.status).toBe(410);
    expect(res.body.errorMessages[0]).toMatch(/search\/jql/);
  });
});
