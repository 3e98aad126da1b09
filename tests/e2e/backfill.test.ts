/**
 * Backfill (issue 12 §4) on the real Temporal dev server, PostgreSQL and simulators: a dry run that
 * writes nothing, then the run (links by exact summary = name, ambiguous matches reported, the rest
 * created through auto-create), resumed after a cancel, and a rerun that links and creates nothing.
 */
import { randomUUID } from 'node:crypto';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';
import {
  backfillProgress,
  createBackfill,
  latestBackfill,
  loadBackfill,
  resumableBackfill,
  updateBackfill,
} from '../../store/backfills';
import { startBackfill, cancelBackfill } from '../../server/temporal/backfills';
import { backfillWorkflowIdFor } from '../../workflows/ids';
import type { BackfillOptions } from '../../workflows/core/plan-backfill';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const PROP = 'zoho-connector-link';
const bySummary: BackfillOptions = { match: { by: 'summary' }, createRest: true };

async function runBackfill(sciId: string, dryRun: boolean, options: BackfillOptions) {
  const stopped = dryRun ? null : await resumableBackfill(h.prisma, sciId, options);
  const row =
    stopped ??
    (await createBackfill(h.prisma, {
      installationId: h.installationId,
      sciId,
      dryRun,
      options,
      workflowId: backfillWorkflowIdFor(sciId),
    }));
  if (stopped) await updateBackfill(h.prisma, row.id, { finishedAt: null, error: null });
  expect(await startBackfill(h.client, { sciId, backfillId: row.id }, { taskQueue: h.taskQueue })).toBe(true);
  return row.id;
}

async function waitDone(sciId: string, backfillId: string) {
  await h.client.workflow.getHandle(backfillWorkflowIdFor(sciId)).result();
  const bf = (await loadBackfill(h.prisma, backfillId))!;
  expect(bf.phase).toBe('done');
  return (await backfillProgress(h.prisma, backfillId, 20)).counts;
}

const jiraWrites = () =>
  h.jira.control.calls().filter((c) => c.method !== 'GET' && !c.path.startsWith('/rest/api/3/search/jql'));
const zohoWrites = () => h.zohoCalls.filter((c) => !c.startsWith('GET '));

/** A Zoho project with records and the OPS issues some of them match by summary. */
async function world(tag: string) {
  const projectId = h.zoho.control.addProject({ name: `Backfill ${tag}`, prefix: tag });
  const rec = (name: string) => (h.zoho.control.createRecord(projectId, 'tasks', { name }) as { id: string }).id;
  const names = {
    alpha: `${tag} Alpha`,
    beta: `${tag} Beta`,
    gamma: `${tag} Gamma`,
    dup: `${tag} Dup`,
    fresh: `${tag} Fresh`,
  };
  const ids = {
    alpha: rec(names.alpha),
    beta: rec(names.beta),
    gamma: rec(names.gamma),
    dup1: rec(names.dup),
    dup2: rec(names.dup),
    fresh: rec(names.fresh),
  };
  const issue = (summary: string) =>
    h.jiraApi.createIssue({ projectId: '10000', issueTypeId: '10001', fields: { summary } });
  const alphaIssue = await issue(`  ${names.alpha.toUpperCase()} `); // case and whitespace differ
  const betaIssue = await issue(names.beta.replace(' ', '   '));
  await issue(names.gamma);
  await issue(names.gamma); // two issues: ambiguous
  await issue(names.dup); // one issue, two records: ambiguous
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'one_way',
    projectId,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
  });
  return { sciId, ids, alphaIssue, betaIssue };
}

describe('backfill', () => {
  it('dry run writes nothing; the run links by summary, reports ambiguous matches, creates the rest; a rerun does nothing', async () => {
    const w = await world(`B${randomUUID().slice(0, 4).toUpperCase()}`);
    h.jira.control.clearCalls();
    h.zohoCalls.length = 0;

    const dry = await runBackfill(w.sciId, true, bySummary);
    const planned = await waitDone(w.sciId, dry);
    expect(planned).toMatchObject({ link: 2, create: 1, ambiguous: 3, pending: 0 });
    expect(jiraWrites()).toEqual([]);
    expect(zohoWrites()).toEqual([]);
    expect(await h.prisma.link.count({ where: { sciId: w.sciId } })).toBe(0);
    const dryRows = (await backfillProgress(h.prisma, dry, 20)).rows;
    expect(dryRows.find((r) => r.zohoRecordId === w.ids.alpha)).toMatchObject({
      state: 'link',
      jiraIssueKey: w.alphaIssue.key,
    });
    expect(dryRows.find((r) => r.zohoRecordId === w.ids.gamma)?.detail).toMatch(/2 Jira issues/);

    const run = await runBackfill(w.sciId, false, bySummary);
    const done = await waitDone(w.sciId, run);
    // The run does what the dry run showed.
    expect(done).toMatchObject({
      linked: planned.link,
      created: planned.create,
      ambiguous: planned.ambiguous,
      failed: 0,
    });
    const links = await h.prisma.link.findMany({ where: { sciId: w.sciId } });
    expect(links).toHaveLength(3);
    const alpha = links.find((l) => l.zohoRecordId === w.ids.alpha)!;
    expect(alpha).toMatchObject({ jiraIssueId: w.alphaIssue.id, origin: 'manual', createdBy: 'backfill' });
    expect(links.find((l) => l.zohoRecordId === w.ids.fresh)?.origin).toBe('auto');
    // Linked like a manual link: our issue property and the Zoho link note.
    expect(await h.jiraApi.getProperty(w.alphaIssue.id, PROP)).toEqual({ sciId: w.sciId, zohoRecordId: w.ids.alpha });
    const notes = h.zoho.control.comments(w.ids.alpha).map((c) => String(c.comment));
    expect(notes.filter((n) => n.includes(w.alphaIssue.key))).toHaveLength(1);
    expect(links.every((l) => l.zohoNoteCommentId)).toBe(true);

    // Idempotent: a rerun links nothing twice and creates nothing twice.
    h.jira.control.clearCalls();
    const again = await runBackfill(w.sciId, false, bySummary);
    expect(again).not.toBe(run);
    const second = await waitDone(w.sciId, again);
    expect(second).toMatchObject({ linked: 0, created: 0, failed: 0 });
    expect(jiraWrites()).toEqual([]);
    expect(await h.prisma.link.count({ where: { sciId: w.sciId } })).toBe(3);
    expect(
      h.zoho.control.comments(w.ids.alpha).filter((c) => String(c.comment).includes(w.alphaIssue.key)),
    ).toHaveLength(1);
  });

  it('a cancelled backfill resumes where it stopped, and a killed worker only delays it', async () => {
    const tag = `C${randomUUID().slice(0, 4).toUpperCase()}`;
    const projectId = h.zoho.control.addProject({ name: `Backfill ${tag}`, prefix: tag });
    const ids = h.zoho.control.seedItems({ projectId, count: 60, namePrefix: `${tag} item` });
    const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'one_way', projectId });
    const createOnly: BackfillOptions = { match: null, createRest: true };
    h.jira.control.clearCalls();
    const first = await runBackfill(sciId, false, createOnly);
    await eventually(
      async () => (await h.prisma.link.count({ where: { sciId } })) >= 10,
      'some issues created',
      60_000,
    );
    expect(await cancelBackfill(h.client, sciId)).toBe(true);
    await expect(h.client.workflow.getHandle(backfillWorkflowIdFor(sciId)).result()).rejects.toThrow();
    const stopped = (await latestBackfill(h.prisma, sciId, { dryRun: false }))!;
    expect(stopped.error).toBe('Cancelled by an admin.');
    const before = await h.prisma.link.count({ where: { sciId } });
    expect(before).toBeLessThan(60);

    // Started again: the same backfill goes on (no second row), through a worker restart.
    const resumed = await runBackfill(sciId, false, createOnly);
    expect(resumed).toBe(first);
    await eventually(async () => (await h.prisma.link.count({ where: { sciId } })) > before, 'resumed', 60_000);
    await h.restartWorker();
    const counts = await waitDone(sciId, resumed);
    expect(counts.created + counts.linked).toBe(60);
    expect(counts.failed).toBe(0);
    const links = await h.prisma.link.findMany({ where: { sciId } });
    expect(new Set(links.map((l) => l.zohoRecordId))).toEqual(new Set(ids));
    const posts = h.jira.control
      .calls()
      .filter(
        (c) => c.method === 'POST' && c.path === '/rest/api/3/issue' && (c as { status?: number }).status === 201,
      );
    expect(new Set(links.map((l) => l.jiraIssueId)).size).toBe(60);
    expect(posts).toHaveLength(60); // every record created once, across the cancel and the restart
  });
});
