/**
 * Issue panel, "Associated Zoho Projects Records": besides comments, followers and attachments, a
 * linked task shows its linked issues and a linked issue its linked tasks, each with an Open link.
 * Over real HTTP against the server, with the Zoho simulator behind it.
 */
import { request } from 'undici';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { scheduleIdFor } from '../../workflows/ids';
import { adminFit, panelFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let t: FitTarget;
const SYSTEM_TOKEN = { 'x-forge-oauth-system': 'sim-system-token' };
const OPS = { id: '10000', key: 'OPS' };
const sciIds: string[] = [];
let issue1: { id: string; key: string };
let issue2: { id: string; key: string };

async function jiraIssue(key: string): Promise<{ id: string; key: string }> {
  const res = await request(`${h.jira.apiBaseUrl}/rest/api/3/issue/${key}?fields=issuetype`, {
    headers: { authorization: 'Bearer sim-system-token' },
  });
  const body = (await res.body.json()) as { id: string; key: string };
  return { id: body.id, key: body.key };
}
const admin = async (method: string, path: string, body?: unknown) =>
  h.call(method, path, { fit: await adminFit(t), body, headers: SYSTEM_TOKEN });
const panel = async (method: string, path: string, issue: { id: string; key: string }, body?: unknown) =>
  h.call(method, path, { fit: await panelFit(t, issue, OPS), body, headers: SYSTEM_TOKEN });

async function displaySci(name: string, zohoModule: 'tasks' | 'issues'): Promise<string> {
  const res = await admin('POST', '/api/admin/items', {
    name,
    mode: 'display_only',
    zohoPortalId: DEMO_PORTAL_ID,
    zohoPortalName: 'acme',
    zohoProjectId: DEMO_PROJECT_IDS.website,
    zohoModule,
    jiraProjectIds: [OPS.id],
    jiraProjectKeys: [OPS.key],
    displayFields: ['name', 'status'],
    showAssociations: true,
  });
  expect(res.status).toBe(201);
  sciIds.push(res.body.id);
  return res.body.id;
}
const record = (module: 'tasks' | 'issues', name: string) =>
  h.zoho.control.createRecord(DEMO_PROJECT_IDS.website, module, { name }) as { id: string; prefix: string };

beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  [issue1, issue2] = await Promise.all([jiraIssue('OPS-1'), jiraIssue('OPS-2')]);
  const code = h.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
  expect(
    (
      await admin('PUT', '/api/admin/connection', {
        dataCenter: 'us',
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
        code,
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  for (const id of sciIds)
    await h.temporal.schedule
      .getHandle(scheduleIdFor(id))
      .delete()
      .catch(() => undefined);
  await h?.close();
});

type Group = {
  relation: string;
  label: string;
  records: Array<{ id: string; title: string; subtitle: string | null; url: string | null }>;
};

describe('associated Zoho Projects records in the issue panel', () => {
  it('a linked task shows its linked issues; a linked issue shows its linked tasks; each opens in Zoho', async () => {
    const task = record('tasks', 'Fix login flow');
    const otherTask = record('tasks', 'Write login docs');
    const bug1 = record('issues', 'Login returns 500');
    const bug2 = record('issues', 'Login is slow');
    h.zoho.control.associate(task.id, bug1.id);
    h.zoho.control.associate(task.id, bug2.id);
    h.zoho.control.associate(otherTask.id, bug1.id);
    h.zoho.control.addFollower(task.id, 'priya@example.com');

    const tasksSci = await displaySci('Tasks with associations', 'tasks');
    const issuesSci = await displaySci('Issues with associations', 'issues');
    expect((await panel('POST', `/api/panel/items/${tasksSci}/link`, issue1, { zohoRecordId: task.id })).status).toBe(
      200,
    );
    expect((await panel('POST', `/api/panel/items/${issuesSci}/link`, issue1, { zohoRecordId: bug1.id })).status).toBe(
      200,
    );

    const ofTask = await panel('GET', `/api/panel/items/${tasksSci}/associations`, issue1);
    expect(ofTask.status).toBe(200);
    const groups = ofTask.body.groups as Group[];
    // Zoho documents followers for issues only: a task shows no followers group (and no error).
    expect(groups.map((g) => g.relation)).toEqual(['comments', 'issues']);
    const linkedIssues = groups.find((g) => g.relation === 'issues')!;
    expect(linkedIssues.label).toBe('Associated issues');
    expect(linkedIssues.records.map((r) => r.id)).toEqual([bug1.id, bug2.id]);
    expect(linkedIssues.records[0]).toMatchObject({ title: `${bug1.prefix} Login returns 500`, subtitle: 'Open' });
    expect(linkedIssues.records[0].url).toMatch(
      new RegExp(`^https://projects\\.zoho\\.[a-z.]+/portal/acme#buginfo/${DEMO_PROJECT_IDS.website}/${bug1.id}$`),
    );

    const ofIssue = await panel('GET', `/api/panel/items/${issuesSci}/associations`, issue1);
    const linkedTasks = (ofIssue.body.groups as Group[]).find((g) => g.relation === 'tasks')!;
    expect(linkedTasks.label).toBe('Associated tasks');
    expect(linkedTasks.records.map((r) => r.title).sort()).toEqual(
      [`${otherTask.prefix} Write login docs`, `${task.prefix} Fix login flow`].sort(),
    );
    expect(
      linkedTasks.records.every((r) => r.url?.includes(`/portal/acme#taskdetail/${DEMO_PROJECT_IDS.website}/`)),
    ).toBe(true);
  });

  it('a group Zoho fails to answer shows its error; the other groups still show', async () => {
    const bug = record('issues', 'Issue with flaky followers');
    h.zoho.control.addFollower(bug.id, 'sam@example.com');
    const sci = await displaySci('Flaky followers', 'issues');
    expect((await panel('POST', `/api/panel/items/${sci}/link`, issue2, { zohoRecordId: bug.id })).status).toBe(200);
    h.zoho.control.injectFault({
      kind: 'status',
      status: 503,
      method: 'GET',
      path: `/issues/${bug.id}/followers`,
      times: 1,
    });
    const res = await panel('GET', `/api/panel/items/${sci}/associations`, issue2);
    expect(res.status).toBe(200);
    const groups = res.body.groups as Array<Group & { error?: string }>;
    expect(groups.map((g) => g.relation)).toEqual(['comments', 'followers']);
    expect(groups[0].records.length).toBeGreaterThan(0); // the connector's link note
    expect(groups[1]).toMatchObject({ relation: 'followers', label: 'Followers', records: [] });
    expect(groups[1].error).toMatch(/^Could not be loaded: Zoho Projects GET .*followers failed: .*503/);
    // Next time Zoho answers, the group is back.
    const again = await panel('GET', `/api/panel/items/${sci}/associations`, issue2);
    expect(
      (again.body.groups as Group[]).find((g) => g.relation === 'followers')!.records.map((r) => r.subtitle),
    ).toEqual(['sam@example.com']);
  });

  it('a record without associations shows no linked-records group', async () => {
    const lonely = record('tasks', 'Lonely task');
    const sci = await displaySci('Lonely tasks', 'tasks');
    expect((await panel('POST', `/api/panel/items/${sci}/link`, issue2, { zohoRecordId: lonely.id })).status).toBe(200);
    const res = await panel('GET', `/api/panel/items/${sci}/associations`, issue2);
    expect(res.status).toBe(200);
    expect((res.body.groups as Group[]).map((g) => g.relation)).toEqual(['comments']); // the connector's link note
  });
});
