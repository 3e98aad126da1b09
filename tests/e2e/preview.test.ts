/**
 * Dry-run preview (issue 12 §3): what the next cycle would do, from the cycle's own planners, on
 * the real Temporal dev server, PostgreSQL and simulators — and nothing written while it runs.
 */
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { runPreview } from '../../server/temporal/previews';
import { loadSmartConnectedItem } from '../../store/items';
import type { CyclePreview } from '../../workflows/core/plan-preview';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const READS = new Set(['GET', 'HEAD']);
/** Jira answers a JQL search to a POST; it reads. */
const jiraWrites = () =>
  h.jira.control.calls().filter((c) => !READS.has(c.method) && !c.path.startsWith('/rest/api/3/search/jql'));
const zohoWrites = () => h.zohoCalls.filter((c) => !READS.has(c.split(' ')[0]));

/** Every row our product keeps about an item and its links. */
async function rowsOf(sciId: string) {
  const p = h.prisma;
  const links = await p.link.findMany({ where: { sciId }, select: { id: true } });
  const linkIds = links.map((l) => l.id);
  return {
    links: links.length,
    runs: await p.syncRun.count({ where: { sciId } }),
    cursors: await p.syncCursor.findMany({ where: { sciId } }),
    receipts: await p.writeReceipt.count({ where: { linkId: { in: linkIds } } }),
    intents: await p.autoCreateIntent.count({ where: { sciId } }),
    baselines: await p.link.findMany({ where: { sciId }, select: { baseline: true, lastSyncedAt: true } }),
  };
}

async function previewWithoutWrites(sciId: string): Promise<CyclePreview & { workflowId: string }> {
  h.jira.control.clearCalls();
  h.zohoCalls.length = 0;
  const before = await rowsOf(sciId);
  const preview = await runPreview(h.client, { sciId }, { taskQueue: h.taskQueue });
  expect(jiraWrites()).toEqual([]);
  expect(zohoWrites()).toEqual([]);
  expect(h.zohoCalls.length).toBeGreaterThan(0); // it did read
  expect(await rowsOf(sciId)).toEqual(before);
  return preview;
}

describe('dry-run preview of the next cycle', () => {
  it('predicts creates and rule skips, writes nothing, and the following real cycle does exactly that', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Preview', prefix: 'PV' });
    const billable = h.zoho.control.createRecord(projectId, 'tasks', {
      name: 'Billable work',
      billing_type: 'billable',
    }) as { id: string };
    h.zoho.control.createRecord(projectId, 'tasks', { name: 'Internal work', billing_type: 'non_billable' });
    h.zoho.control.createRecord(projectId, 'tasks', { name: 'More billable', billing_type: 'billable' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
      rule: { zohoFieldId: 'billing_type', operator: 'equals', value: 'billable', metJiraStatusId: '10002' },
    });

    const preview = await previewWithoutWrites(sciId);
    expect(preview.workflowId).toMatch(new RegExp(`^preview:${sciId}:`));
    expect(preview.fullPass).toBe(true);
    expect(preview.counts).toEqual({ create: 2, link: 0, update: 0, transition: 0, skip: 1 });
    const creates = preview.rows.filter((r) => r.action === 'create');
    expect(creates.map((r) => r.name).sort()).toEqual(['Billable work', 'More billable']);
    expect(creates.find((r) => r.zohoRecordId === billable.id)?.to).toBe('10002');
    const skip = preview.rows.find((r) => r.action === 'skip')!;
    expect(skip).toMatchObject({ name: 'Internal work', rule: expect.stringContaining('Conditional Sync Rule') });

    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals).toMatchObject({ created: preview.counts.create, skipped: preview.counts.skip, failed: 0 });
    const linked = await h.prisma.link.findMany({ where: { sciId } });
    expect(linked.map((l) => l.zohoRecordId).sort()).toEqual(
      creates.map((r) => r.zohoRecordId).sort((a, b) => a.localeCompare(b)),
    );
  });

  it('predicts field-by-field updates and transitions of linked records, then the cycle writes those', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Preview updates', prefix: 'PU' });
    const ids = h.zoho.control.seedItems({ projectId, count: 3, namePrefix: 'Linked' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
      syncStatus: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    await runCycle(h.client, h.taskQueue, sciId);
    const [renamed, moved] = ids;
    h.zoho.control.editRecord(renamed, { name: 'Renamed in Zoho' });
    h.zoho.control.changeStatus(moved, 'In Progress');

    const preview = await previewWithoutWrites(sciId);
    expect(preview.fullPass).toBe(false);
    expect(preview.counts).toMatchObject({ create: 0, update: 1, transition: 1 });
    const update = preview.rows.find((r) => r.action === 'update')!;
    expect(update.zohoRecordId).toBe(renamed);
    expect(update.changes).toEqual([
      expect.objectContaining({ field: 'summary', direction: 'zoho_to_jira', to: 'Renamed in Zoho' }),
    ]);
    expect(update.changes![0].from).toMatch(/^Linked/);
    const transition = preview.rows.find((r) => r.action === 'transition')!;
    expect(transition).toMatchObject({ zohoRecordId: moved, from: 'To Do' });

    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals).toMatchObject({ created: 0, updated: 2, failed: 0 });
    const link = await h.prisma.link.findFirstOrThrow({ where: { sciId, zohoRecordId: renamed } });
    expect((await h.jiraApi.getIssue(link.jiraIssueId, ['summary']))!.fields.summary).toBe('Renamed in Zoho');

    // Nothing left to do: the preview of the cycle after says so.
    const after = await previewWithoutWrites(sciId);
    expect(after.counts).toEqual({ create: 0, link: 0, update: 0, transition: 0, skip: 0 });
  });

  it('previews an unsaved draft (no id in the database): every record a first pass would create', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Draft', prefix: 'DR' });
    h.zoho.control.seedItems({ projectId, count: 2, namePrefix: 'Drafted' });
    const template = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      autoCreate: true,
    });
    const sci = (await loadSmartConnectedItem(h.prisma, template))!;
    await h.prisma.smartConnectedItem.delete({ where: { id: template } });
    h.jira.control.clearCalls();
    const preview = await runPreview(h.client, { draft: { ...sci, id: randomUUID() } }, { taskQueue: h.taskQueue });
    expect(preview.workflowId).toMatch(/^preview:draft:/);
    expect(preview.counts.create).toBe(2);
    expect(jiraWrites()).toEqual([]);
    expect(
      await h.prisma.smartConnectedItem.count({
        where: { installationId: h.installationId, zohoProjectId: projectId },
      }),
    ).toBe(0);
  });
});
