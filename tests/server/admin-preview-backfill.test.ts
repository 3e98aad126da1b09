/**
 * Admin routes of the dry-run preview and the backfill (issue 12 §3, §4) through the real server:
 * admin auth, zod validation (the draft validated as a save), one backfill at a time, cancel, and
 * the routes in /openapi.json. The workflows themselves run in tests/e2e/preview|backfill.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { adminFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let t: FitTarget;
beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
});
afterAll(async () => {
  await h?.close();
});

const SYSTEM_TOKEN = { 'x-forge-oauth-system': 'sim-system-token' };
async function admin(method: string, path: string, body?: unknown) {
  return h.call(method, path, { fit: await adminFit(t), body, headers: SYSTEM_TOKEN });
}
const itemBody = {
  name: 'Backfilled item',
  mode: 'one_way',
  zohoPortalId: DEMO_PORTAL_ID,
  zohoProjectId: DEMO_PROJECT_IDS.website,
  zohoModule: 'tasks',
  jiraProjectIds: ['10000'],
  jiraProjectKeys: ['OPS'],
  jiraIssueTypeId: '10001',
  mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
};

describe('admin: preview and backfill routes', () => {
  it('are in /openapi.json', async () => {
    const res = await h.call('GET', '/openapi.json');
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/admin/items/{id}/preview',
      '/api/admin/items/preview',
      '/api/admin/items/{id}/backfill',
      '/api/admin/items/{id}/backfill/cancel',
    ])
      expect(paths).toContain(p);
  });

  it('need the admin module', async () => {
    const res = await h.call('GET', `/api/admin/items/${randomUUID()}/backfill`);
    expect(res.status).toBe(401);
  });

  it('validate a draft preview like a save (422 with field errors) and 404 an unknown item', async () => {
    const bad = await admin('POST', '/api/admin/items/preview', { ...itemBody, jiraIssueTypeId: undefined });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('jiraIssueTypeId');
    const missing = await admin('POST', `/api/admin/items/${randomUUID()}/preview`, {});
    expect(missing.status).toBe(404);
  });

  it('start one backfill at a time, report it, and cancel it', async () => {
    const created = await admin('POST', '/api/admin/items', itemBody);
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const none = await admin('GET', `/api/admin/items/${id}/backfill`);
    expect(none.body).toEqual({ run: null, dryRun: null });

    const invalid = await admin('POST', `/api/admin/items/${id}/backfill`, {
      dryRun: true,
      match: null,
      createRest: false,
    });
    expect(invalid.status).toBe(400);
    const badField = await admin('POST', `/api/admin/items/${id}/backfill`, {
      dryRun: true,
      match: { by: 'field', jiraFieldId: 'summary; DROP', zohoValue: 'key' },
      createRest: false,
    });
    expect(badField.status).toBe(400);

    const body = { dryRun: true, match: { by: 'field', jiraFieldId: 'labels', zohoValue: 'key' }, createRest: false };
    const started = await admin('POST', `/api/admin/items/${id}/backfill`, body);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ workflowId: `backfill:${id}`, resumed: false });
    const twice = await admin('POST', `/api/admin/items/${id}/backfill`, body);
    expect(twice.status).toBe(409);

    const progress = await admin('GET', `/api/admin/items/${id}/backfill`);
    expect(progress.body.run).toBeNull();
    expect(progress.body.dryRun).toMatchObject({
      id: started.body.backfillId,
      status: 'running',
      phase: 'zoho',
      match: body.match,
      total: 0,
      processed: 0,
    });

    const cancelled = await admin('POST', `/api/admin/items/${id}/backfill/cancel`);
    expect(cancelled.body).toEqual({ cancelled: true });
    // No worker polls this queue: the cancel is requested, the workflow ends once a worker sees it.
    const other = await admin('POST', `/api/admin/items/${randomUUID()}/backfill/cancel`);
    expect(other.status).toBe(404);
  });
});
