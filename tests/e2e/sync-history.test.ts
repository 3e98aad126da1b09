/**
 * Per-issue sync history through the real stack: worker, Temporal, PostgreSQL, both simulators and
 * the real server (app.inject with panel FITs). A Zoho → Jira field update names its owner, a Jira
 * event carrying our own write is shown as an echo skipped, a failure reads in words and Retry now
 * (the refresh workflow) then succeeds; pages are newest first; only Jira admins get the Temporal
 * link; another installation, another issue or another module sees nothing.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { devKeySet } from '../../server/dev/dev-keys';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { adminFit, DEV_APP_ID, newInstallationId, panelFit, type FitTarget } from '../support/fit';
import { openServerDeps } from '../support/server-deps';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { jiraEvent, linkedPair } from './support/world';

let h: Harness;
let app: FastifyInstance;
let closeDeps: () => Promise<void>;
let t: FitTarget;
const SYSTEM_TOKEN = { 'x-forge-oauth-system': 'sim-system-token' };
const OPS = { id: '10000', key: 'OPS' };

beforeAll(async () => {
  h = await startHarness();
  const deps = await openServerDeps({
    ...process.env,
    FORGE_APP_ID: DEV_APP_ID,
    LOG_LEVEL: 'silent',
    JIRA_API_BASE_OVERRIDE: h.jira.apiBaseUrl,
    ZOHO_ACCOUNTS_URL: h.zoho.url,
    ZOHO_API_URL: h.zoho.url,
    TEMPORAL_WEB_URL: 'http://localhost:8233',
  });
  closeDeps = deps.close;
  app = await buildApp({ ...deps, fitKeys: devKeySet(), taskQueue: h.taskQueue });
  await app.ready();
  t = { installationId: h.installationId, apiBaseUrl: h.jira.apiBaseUrl };
}, 60_000);
afterAll(async () => {
  await app?.close();
  await closeDeps?.();
  await h?.stop();
});

type Issue = { id: string; key: string };
async function call(method: 'GET' | 'POST', url: string, fit: string) {
  const res = await app.inject({ method, url, headers: { authorization: `Bearer ${fit}`, ...SYSTEM_TOKEN } });
  return { status: res.statusCode, body: res.json() };
}
const asPanel = (issue: Issue, extra = {}) => panelFit(t, issue, OPS, extra);
const history = async (linkId: string, issue: Issue, query = '', extra = {}) =>
  call('GET', `/api/panel/links/${linkId}/history${query}`, await asPanel(issue, extra));

describe('per-issue sync history in the issue panel', () => {
  let pair: Awaited<ReturnType<typeof linkedPair>>;
  let issue: Issue;

  beforeAll(async () => {
    const projectId = h.zoho.control.addProject({ name: 'History', prefix: 'HI' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'custom',
      projectId,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'both' }],
    });
    pair = await linkedPair(h, { sciId, projectId, name: 'History starts here' });
    issue = { id: pair.issueId, key: pair.issueKey };
    await runCycle(h.client, h.taskQueue, sciId); // baseline: both sides agree, nothing to record
    h.zoho.control.editRecord(pair.recordId, { name: 'Renamed in Zoho' });
    await runCycle(h.client, h.taskQueue, sciId);
  }, 60_000);

  it('a Zoho → Jira field update names its direction, old → new, the owner and the Temporal run', async () => {
    const rows = await h.prisma.syncHistoryEntry.findMany({ where: { linkId: pair.linkId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      direction: 'zoho_to_jira',
      kind: 'field_update',
      field: 'Summary',
      oldValue: 'History starts here',
      newValue: 'Renamed in Zoho',
      why: 'owner',
      detail: 'Two-way field; this side changed it',
    });
    expect(rows[0].workflowId).toMatch(/^sync:/);
    expect(rows[0].runId).toBeTruthy();
  });

  it('a Jira event that carries our own write back is shown as an echo skipped', async () => {
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary'] });
    const echo = await eventually(
      () => h.prisma.syncHistoryEntry.findFirst({ where: { linkId: pair.linkId, why: 'echo' } }),
      'the echo row',
    );
    expect(echo).toMatchObject({ direction: 'jira_to_zoho', kind: 'skipped', field: 'Summary' });
    expect(echo.detail).toContain('the connector wrote');

    const page = await history(pair.linkId, issue);
    expect(page.status).toBe(200);
    expect(page.body.entries.map((e: { why: string }) => e.why)).toEqual(['echo', 'owner']); // newest first
    expect(page.body.entries[1]).toMatchObject({
      from: 'History starts here',
      to: 'Renamed in Zoho',
      whyText: 'Field owner',
      retryable: false,
    });
    expect(page.body.nextCursor).toBeNull();
  });

  it('only a Jira administrator gets the Temporal run link', async () => {
    const asAlice = await history(pair.linkId, issue); // Alice holds ADMINISTER in the simulator
    const update = asAlice.body.entries.find((e: { kind: string }) => e.kind === 'field_update');
    expect(update.temporalUrl).toMatch(
      /^http:\/\/localhost:8233\/namespaces\/default\/workflows\/sync%3A.+\/.+\/history$/,
    );
    const asBob = await history(pair.linkId, issue, '', { principal: DEMO_ACCOUNTS.bob });
    expect(asBob.status).toBe(200);
    expect(asBob.body.entries.length).toBeGreaterThan(0);
    for (const e of asBob.body.entries) expect(e).not.toHaveProperty('temporalUrl');
  });

  it('a failure reads in words; Retry now starts the refresh, which then succeeds', async () => {
    h.jira.control.injectFault({
      kind: 'status',
      method: 'PUT',
      path: `/rest/api/3/issue/${pair.issueId}`,
      status: 403,
      body: { errorMessages: ['You do not have permission to edit this issue.'], errors: {} },
    });
    h.zoho.control.editRecord(pair.recordId, { name: 'Renamed again' });
    const link = await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } });
    await runCycle(h.client, h.taskQueue, link.sciId);

    const failed = (await history(pair.linkId, issue)).body.entries[0];
    expect(failed).toMatchObject({ kind: 'failure', direction: 'zoho_to_jira', why: 'error', retryable: true });
    expect(failed.detail).toContain('permission');

    const retry = await call(
      'POST',
      `/api/panel/links/${pair.linkId}/history/${failed.id}/retry`,
      await asPanel(issue),
    );
    expect(retry.status).toBe(200);
    await h.client.workflow.getHandle(retry.body.syncWorkflowId).result();
    const after = (await history(pair.linkId, issue)).body.entries[0];
    expect(after).toMatchObject({ kind: 'field_update', from: 'Renamed in Zoho', to: 'Renamed again', why: 'owner' });
    expect(after.temporalUrl).toContain(encodeURIComponent(retry.body.syncWorkflowId));
    expect((await h.jiraApi.getIssue(pair.issueId, ['summary']))!.fields.summary).toBe('Renamed again');

    const notAFailure = await call(
      'POST',
      `/api/panel/links/${pair.linkId}/history/${after.id}/retry`,
      await asPanel(issue),
    );
    expect(notAFailure.status).toBe(409);
  });

  it('pages newest first with a cursor until the last page', async () => {
    const all = (await history(pair.linkId, issue, '?limit=100')).body.entries as Array<{ id: string; at: string }>;
    expect(all.length).toBe(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await history(pair.linkId, issue, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.entries.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    const times = all.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await history(pair.linkId, issue, '?limit=0')).status).toBe(400);
    expect((await history(pair.linkId, issue, '?cursor=abc')).status).toBe(400);
  });

  it('another installation, another issue or another module gets nothing', async () => {
    const other = { installationId: newInstallationId(), apiBaseUrl: h.jira.apiBaseUrl };
    const fromOther = await call('GET', `/api/panel/links/${pair.linkId}/history`, await panelFit(other, issue, OPS));
    expect(fromOther.status).toBe(404);
    const otherIssue = await history(pair.linkId, { id: '99999', key: 'OPS-999' });
    expect(otherIssue.status).toBe(404);
    const adminModule = await call('GET', `/api/panel/links/${pair.linkId}/history`, await adminFit(t));
    expect(adminModule.status).toBe(401);
    const noToken = await app.inject({ method: 'GET', url: `/api/panel/links/${pair.linkId}/history` });
    expect(noToken.statusCode).toBe(401);
    const failed = await h.prisma.syncHistoryEntry.findFirstOrThrow({
      where: { linkId: pair.linkId, kind: 'failure' },
    });
    const retryOther = await call(
      'POST',
      `/api/panel/links/${pair.linkId}/history/${failed.id}/retry`,
      await panelFit(other, issue, OPS),
    );
    expect(retryOther.status).toBe(404);
  });

  it('the routes and their schemas are in /openapi.json', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    const spec = res.json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(spec.paths['/api/panel/links/{linkId}/history'].get.responses['200']).toBeDefined();
    expect(spec.paths['/api/panel/links/{linkId}/history/{entryId}/retry'].post.responses['200']).toBeDefined();
    expect(JSON.stringify(spec.paths['/api/panel/links/{linkId}/history'])).toContain('nextCursor');
  });
});
