/**
 * Status sync on multi-step Jira workflows (issue 10 §3 "Status sync stops on multi-step
 * workflows", issue 12 §2 "Needs attention"): the connector walks the workflow toward the target
 * through the transitions Jira offers, re-reading them after each step; an unsettled record is
 * retried in later cycles without a new Zoho change; a record with no path needs attention.
 */
import { DEMO_FIELDS, DEMO_STATUS, DEMO_TRANSITIONS, demoSeed, type SimWorkflow } from '../../sim/jira';
import { startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { linkedPair } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const ENG = '10001';
const statusOf = async (issueId: string) => (await h.jiraApi.getIssue(issueId, ['status']))!.status;
const engWorkflow = (): SimWorkflow => structuredClone(demoSeed().projects.find((p) => p.key === 'ENG')!.workflow);

/** ENG's workflow with the Done transition's screen requiring Estimate Hours. */
function doneNeedsEstimate(): SimWorkflow {
  const wf = engWorkflow();
  const done = wf.transitions.find((t) => t.id === DEMO_TRANSITIONS.done)!;
  done.requiredFields = [DEMO_FIELDS.estimateHours];
  return wf;
}

async function engPair(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'one_way',
    projectId,
    syncStatus: true,
    jiraProjectId: ENG,
  });
  const pair = await linkedPair(h, { sciId, projectId, name, jiraProjectKey: 'ENG' });
  await runCycle(h.client, h.taskQueue, sciId);
  return { ...pair, sciId, projectId };
}

afterEach(() => h.jira.control.setWorkflow('ENG', engWorkflow()));

describe('status walk on multi-step workflows', () => {
  it('Zoho "In Review" reaches Jira "In Review" through In Progress (transitions re-read after each step)', async () => {
    const pair = await engPair('Review walk');
    h.zoho.control.changeStatus(pair.recordId, 'In Review');
    h.jira.control.clearCalls();
    const r = await runCycle(h.client, h.taskQueue, pair.sciId);
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.inReview);
    expect(r.status).toBe('succeeded');
    const reads = h.jira.control.calls({ method: 'GET' }).filter((c) => c.path.endsWith('/transitions'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('Zoho "Closed" walks To Do → In Progress → In Review → Done where Jira has no direct move', async () => {
    const pair = await engPair('Close walk');
    h.zoho.control.changeStatus(pair.recordId, 'Closed');
    const r = await runCycle(h.client, h.taskQueue, pair.sciId);
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.done);
    expect(r.totals?.updated).toBe(1);
    const link = await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } });
    expect(link.needsAttention).toBeNull();
  });

  it('a Closed Zoho task auto-created in ENG is created in To Do and walked to Done in the creating cycle', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Auto walk', prefix: 'AW' });
    const record = h.zoho.control.createRecord(projectId, 'tasks', { name: 'Born closed' }) as { id: string };
    h.zoho.control.changeStatus(record.id, 'Closed');
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      syncStatus: true,
      autoCreate: true,
      jiraProjectId: ENG,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.created).toBe(1);
    const link = await h.prisma.link.findFirstOrThrow({ where: { sciId, zohoRecordId: record.id } });
    expect((await statusOf(link.jiraIssueId)).id).toBe(DEMO_STATUS.done);
    expect(link.needsAttention).toBeNull();
  });

  it('no path (Done needs a screen field): needs attention with the reason, then settles by itself in a later cycle', async () => {
    h.jira.control.setWorkflow('ENG', doneNeedsEstimate());
    const pair = await engPair('Needs estimate');
    h.zoho.control.changeStatus(pair.recordId, 'Closed');

    const stuck = await runCycle(h.client, h.taskQueue, pair.sciId);
    expect(stuck.status).not.toBe('succeeded');
    expect(stuck.needsAttention).toBe(1);
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.inReview); // as far as Jira lets us
    const run = await h.prisma.syncRun.findUniqueOrThrow({ where: { id: stuck.syncRunId! } });
    expect(run.needsAttention).toBe(1);
    const link = await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } });
    expect(link.needsAttention).toMatch(/Estimate Hours/);
    expect(link.needsAttention).toMatch(/Done/);

    // Still stuck on the next cycle (Zoho unchanged): still counted, still not a clean success.
    const again = await runCycle(h.client, h.taskQueue, pair.sciId);
    expect(again.needsAttention).toBe(1);

    // The Jira admin relaxes the screen; no Zoho change: the next cycle settles it and clears the mark.
    h.jira.control.setWorkflow('ENG', engWorkflow());
    const settled = await runCycle(h.client, h.taskQueue, pair.sciId);
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.done);
    expect(settled.needsAttention ?? 0).toBe(0);
    expect(settled.status).toBe('succeeded');
    const cleared = await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } });
    expect(cleared.needsAttention).toBeNull();
  });

  it('a panel refresh ("Retry now") walks an unsettled record on and clears its needs-attention mark', async () => {
    h.jira.control.setWorkflow('ENG', doneNeedsEstimate());
    const pair = await engPair('Retry now');
    h.zoho.control.changeStatus(pair.recordId, 'Closed');
    await runCycle(h.client, h.taskQueue, pair.sciId);
    expect((await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } })).needsAttention).toMatch(/Done/);
    h.jira.control.setWorkflow('ENG', engWorkflow());
    await h.client.workflow.execute('refreshLink', {
      taskQueue: h.taskQueue,
      workflowId: `refresh:status-walk-${Date.now()}`,
      args: [{ installationId: h.installationId, linkId: pair.linkId }],
    });
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.done);
    const link = await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } });
    expect(link.needsAttention).toBeNull();
    expect(link.statusTarget).toBeNull();
  });

  it('a Jira user moving the issue meanwhile ends the walk (Jira changed last): no fight, no attention', async () => {
    h.jira.control.setWorkflow('ENG', doneNeedsEstimate());
    const pair = await engPair('User wins');
    h.zoho.control.changeStatus(pair.recordId, 'Closed');
    await runCycle(h.client, h.taskQueue, pair.sciId);
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.inReview);
    h.jira.control.as(demoSeed().users[1].accountId).transition(pair.issueId, 'Request Changes');
    const r = await runCycle(h.client, h.taskQueue, pair.sciId);
    expect(r.needsAttention ?? 0).toBe(0);
    expect((await statusOf(pair.issueId)).id).toBe(DEMO_STATUS.inProgress);
    const link = await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } });
    expect(link.needsAttention).toBeNull();
  });
});
