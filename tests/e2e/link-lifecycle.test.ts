/**
 * Defects met as a new user: the first sync of a manual link destroys no value, and a record that
 * was linked once is not auto-created again after an unlink unless the admin allows it. Real
 * worker, Temporal, PostgreSQL and both simulators.
 */
import { allowAutoCreateAgain } from '../../store/links';
import { startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { linkedPair, zohoRecord } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const jiraDescription = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The issue’s own description' }] }],
};

let seq = 0;
const refresh = (linkId: string) =>
  h.client.workflow.execute('refreshLink', {
    taskQueue: h.taskQueue,
    workflowId: `refresh:test-${(seq += 1)}-${Date.now()}`,
    args: [{ installationId: h.installationId, linkId }],
  });

describe('first sync of a manual link', () => {
  it('two-way: linking never sends description: null; the Jira description fills the empty Zoho one (regression)', async () => {
    const projectId = h.zoho.control.addProject({ name: 'First link', prefix: 'FL' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'two_way',
      projectId,
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name' },
        { jiraFieldId: 'description', zohoFieldId: 'description' },
      ],
    });
    const pair = await linkedPair(h, {
      sciId,
      projectId,
      name: 'OPS-1 own summary',
      jiraFields: { description: jiraDescription },
    });
    // Zoho edited after Jira: last-writer-wins would hand every differing field to Zoho.
    h.zoho.control.editRecord(pair.recordId, { name: 'Zoho task name' });
    await refresh(pair.linkId);

    const issue = await h.jiraApi.getIssue(pair.issueId, ['summary', 'description']);
    expect(JSON.stringify(issue!.fields.description)).toContain('The issue’s own description');
    expect(String(zohoRecord(h, pair.recordId).description)).toContain('The issue’s own description');
  });
});

describe('unlink, then auto-create', () => {
  it('a record linked once is not auto-created again after its manual link is removed (regression: duplicate issue)', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Unlinked', prefix: 'UL' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    const pair = await linkedPair(h, { sciId, projectId, name: 'Linked by hand' });
    await h.prisma.link.delete({ where: { id: pair.linkId } }); // what the panel's Unlink does
    h.zoho.control.editRecord(pair.recordId, { name: 'Edited after the unlink' });

    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.created ?? 0).toBe(0);
    expect(await h.prisma.link.count({ where: { sciId } })).toBe(0);
    expect(await h.prisma.onceLinkedRecord.count({ where: { sciId, zohoRecordId: pair.recordId } })).toBe(1);

    // The admin asks for it: the next cycle that sees the record changed creates one issue.
    expect(await allowAutoCreateAgain(h.prisma, sciId, pair.recordId)).toBe(true);
    h.zoho.control.editRecord(pair.recordId, { name: 'Create it again, please' });
    const again = await runCycle(h.client, h.taskQueue, sciId);
    expect(again.totals?.created).toBe(1);
    const link = await h.prisma.link.findFirstOrThrow({ where: { sciId } });
    expect(link.origin).toBe('auto');
    expect(link.jiraIssueId).not.toBe(pair.issueId);
  });
});

describe('auto-create and comments', () => {
  it('comments of a newly auto-created record reach Jira in the cycle that creates the issue (regression: one cycle late)', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Comments now', prefix: 'CN' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      syncComments: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    const record = h.zoho.control.createRecord(projectId, 'tasks', { name: 'New with a comment' }) as { id: string };
    h.zoho.control.addComment(record.id, '<p>Written before the issue existed</p>');

    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.created).toBe(1);
    const link = await h.prisma.link.findFirstOrThrow({ where: { sciId } });
    const comments = await h.jiraApi.listComments(link.jiraIssueId);
    expect(JSON.stringify(comments)).toContain('Written before the issue existed');
  });
});
