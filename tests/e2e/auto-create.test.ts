/**
 * Auto-create and Conditional Sync Rules (spec: "Automatic Jira issue creation", "Conditional Sync
 * Rules", "Auto-managed links", "Visible Jira link note in Zoho Projects").
 */
import { DEMO_STATUS } from '../../sim/jira';
import { startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { autoCreateWorkflowIdFor } from '../../workflows/ids';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const PROP = 'zoho-connector-link';

function newProject(prefix: string): string {
  return h.zoho.control.addProject({ name: `Project ${prefix}`, prefix });
}

async function issueOf(jiraIssueId: string) {
  const issue = await h.jiraApi.getIssue(jiraIssueId, ['summary', 'status']);
  return issue!;
}

describe('auto-create', () => {
  it('creates one Jira issue per new Zoho task with an auto-managed link and a Zoho link note, and never twice', async () => {
    const projectId = newProject('AC');
    const ids = h.zoho.control.seedItems({ projectId, count: 3, namePrefix: 'Intake' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    const first = await runCycle(h.client, h.taskQueue, sciId);
    expect(first.totals?.created).toBe(3);
    const links = await h.prisma.link.findMany({ where: { sciId } });
    expect(links).toHaveLength(3);
    expect(links.every((l) => l.origin === 'auto')).toBe(true);
    expect(new Set(links.map((l) => l.zohoRecordId))).toEqual(new Set(ids));
    for (const link of links) {
      const issue = await issueOf(link.jiraIssueId);
      const record = h.zoho.control.getRecord(link.zohoRecordId) as { name: string };
      expect(issue.fields.summary).toBe(record.name);
      expect(await h.jiraApi.getProperty(link.jiraIssueId, PROP)).toEqual({ sciId, zohoRecordId: link.zohoRecordId });
      const notes = h.zoho.control.comments(link.zohoRecordId).map((c) => String(c.comment));
      expect(notes.filter((n) => n.includes(link.jiraIssueKey))).toHaveLength(1);
      expect(link.zohoNoteCommentId).toBeTruthy();
    }

    const second = await runCycle(h.client, h.taskQueue, sciId);
    expect(second.totals?.created).toBe(0);
    const created = h.jira.control
      .calls({ method: 'POST', path: '/rest/api/3/issue' } as never)
      .filter((c) => (c as { path: string }).path === '/rest/api/3/issue');
    expect(created).toHaveLength(3);
    expect(await h.prisma.link.count({ where: { sciId } })).toBe(3);
  });

  it('Jira 429s during an intake are waited out in place: each record created once, without a search or a child workflow', async () => {
    const projectId = newProject('RL');
    const ids = h.zoho.control.seedItems({ projectId, count: 4, namePrefix: 'Throttled' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    h.jira.control.clearCalls();
    h.jira.control.injectFault({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      method: 'POST',
      path: '/rest/api/3/issue',
      count: 3,
    });
    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals).toMatchObject({ created: 4, failed: 0 });
    const posts = h.jira.control.calls().filter((c) => c.method === 'POST' && c.path === '/rest/api/3/issue');
    expect(posts.filter((c) => (c as { status?: number }).status === 429)).toHaveLength(3);
    expect(posts.filter((c) => (c as { status?: number }).status === 201)).toHaveLength(4);
    // A 429 proves Jira created nothing: no search for an "earlier" create, no hand-over to a child.
    expect(h.jira.control.calls().some((c) => c.path.startsWith('/rest/api/3/search'))).toBe(false);
    const children = await Promise.all(
      ids.map((id) =>
        h.client.workflow
          .getHandle(autoCreateWorkflowIdFor(sciId, id))
          .describe()
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    expect(children.filter(Boolean)).toHaveLength(0);
    expect(await h.prisma.link.count({ where: { sciId } })).toBe(4);
  });

  it('Conditional Sync Rule: met → Done; not met → skipped when "create when not met" is off', async () => {
    const projectId = newProject('RM');
    const billable = h.zoho.control.createRecord(projectId, 'tasks', {
      name: 'Billable work',
      billing_type: 'billable',
    }) as { id: string };
    const internal = h.zoho.control.createRecord(projectId, 'tasks', {
      name: 'Internal work',
      billing_type: 'non_billable',
    }) as { id: string };
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
      rule: {
        zohoFieldId: 'billing_type',
        operator: 'equals',
        value: 'billable',
        metJiraStatusId: DEMO_STATUS.done,
        notMetJiraStatusId: DEMO_STATUS.todo,
      },
    });
    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.created).toBe(1);
    const links = await h.prisma.link.findMany({ where: { sciId } });
    expect(links.map((l) => l.zohoRecordId)).toEqual([billable.id]);
    expect((await issueOf(links[0].jiraIssueId)).status.id).toBe(DEMO_STATUS.done);
    expect(links.some((l) => l.zohoRecordId === internal.id)).toBe(false);

    // The skipped record is created once it satisfies the rule.
    h.zoho.control.editRecord(internal.id, { billing_type: 'billable' });
    const again = await runCycle(h.client, h.taskQueue, sciId);
    expect(again.totals?.created).toBe(1);
    expect(await h.prisma.link.count({ where: { sciId } })).toBe(2);
  });

  it('Conditional Sync Rule: not met → created in To Do when "create when not met" is on', async () => {
    const projectId = newProject('RN');
    const internal = h.zoho.control.createRecord(projectId, 'tasks', {
      name: 'Internal only',
      billing_type: 'non_billable',
    }) as { id: string };
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'two_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
      rule: {
        zohoFieldId: 'billing_type',
        operator: 'equals',
        value: 'billable',
        metJiraStatusId: DEMO_STATUS.done,
        notMetJiraStatusId: DEMO_STATUS.todo,
        createIssueWhenNotMet: true,
      },
    });
    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.created).toBe(1);
    const link = await h.prisma.link.findFirstOrThrow({ where: { sciId, zohoRecordId: internal.id } });
    expect((await issueOf(link.jiraIssueId)).status.id).toBe(DEMO_STATUS.todo);

    // Meeting the rule later moves the linked issue to Done (one transition, recorded in the run).
    h.zoho.control.editRecord(internal.id, { billing_type: 'billable' });
    const moved = await runCycle(h.client, h.taskQueue, sciId);
    expect(moved.totals?.updated).toBe(1);
    expect((await issueOf(link.jiraIssueId)).status.id).toBe(DEMO_STATUS.done);
  });
});
