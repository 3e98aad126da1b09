/**
 * Admin page flow over real HTTP against the Zoho and Jira simulators and the real Temporal dev
 * server: connect Zoho, load metadata, create an item of each mode, read the grid, keep the
 * Temporal Schedule in step, sync now, delete, revoke.
 */
import { ScheduleNotFoundError } from '@temporalio/client';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { scheduleIdFor } from '../../workflows/ids';
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
const OPS = { id: '10000', key: 'OPS' };
const TASK_TYPE = '10001';

function itemBody(mode: string, extra: Record<string, unknown> = {}) {
  const synced = mode !== 'display_only';
  return {
    name: `${mode} item`,
    mode,
    zohoPortalId: DEMO_PORTAL_ID,
    zohoPortalName: 'acme',
    zohoProjectId: DEMO_PROJECT_IDS.website,
    zohoProjectName: 'Website Relaunch',
    zohoModule: 'tasks',
    jiraProjectIds: [OPS.id],
    jiraProjectKeys: [OPS.key],
    ...(synced
      ? {
          jiraIssueTypeId: TASK_TYPE,
          jiraIssueTypeName: 'Task',
          mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', ...(mode === 'custom' ? { owner: 'jira' } : {}) }],
          syncStatus: true,
          syncComments: true,
        }
      : { displayFields: ['name', 'status', 'priority'] }),
    ...extra,
  };
}

async function schedulePaused(sciId: string): Promise<boolean> {
  const d = await h.temporal.schedule.getHandle(scheduleIdFor(sciId)).describe();
  return d.state.paused;
}

describe('admin: Zoho connection', () => {
  it('lists the nine data centers of the spec', async () => {
    const res = await admin('GET', '/api/admin/data-centers');
    expect(res.body.dataCenters.map((d: { id: string }) => d.id)).toEqual([
      'us',
      'eu',
      'in',
      'au',
      'jp',
      'cn',
      'uk',
      'ca',
      'sa',
    ]);
  });

  it('names the Client Secret when Zoho rejects it, and stores nothing', async () => {
    const code = h.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const res = await admin('PUT', '/api/admin/connection', {
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecret: 'wrong-secret-value',
      code,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('zoho_auth_failed');
    expect(res.body.error.message).toMatch(/Client Secret/);
    expect((await admin('GET', '/api/admin/connection')).body).toEqual({ connected: false });
  });

  it('names the Code when it was already used or expired', async () => {
    const res = await admin('PUT', '/api/admin/connection', {
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      code: '1000.0123456789abcdef0123.0123456789abcdef0123',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Code/);
  });

  it('saves a connection and answers the connected summary without any secret', async () => {
    const code = h.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
    const res = await admin('PUT', '/api/admin/connection', {
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      code,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connected: true,
      dataCenter: 'us',
      dataCenterName: 'United States',
      clientId: DEMO_CLIENT_ID,
    });
    expect(res.text).not.toContain(DEMO_CLIENT_SECRET);
    const row = await h.prisma.zohoConnection.findUniqueOrThrow({ where: { installationId: t.installationId } });
    expect(row.clientSecretEnc).not.toContain(DEMO_CLIENT_SECRET);
    expect((await admin('GET', '/api/admin/connection')).body.connected).toBe(true);
  });
});

describe('admin: metadata loaders', () => {
  it('walks Zoho portals → projects → modules → fields and statuses', async () => {
    const portals = (await admin('GET', '/api/admin/zoho/portals')).body.portals;
    expect(portals).toEqual(expect.arrayContaining([{ id: DEMO_PORTAL_ID, name: expect.any(String) }]));
    const projects = (await admin('GET', `/api/admin/zoho/portals/${DEMO_PORTAL_ID}/projects`)).body.projects;
    expect(projects.map((p: { id: string }) => p.id)).toContain(DEMO_PROJECT_IDS.website);
    const modules = (
      await admin('GET', `/api/admin/zoho/portals/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.website}/modules`)
    ).body.modules;
    expect(modules.find((m: { id: string }) => m.id === 'tasks')).toMatchObject({
      synchronizable: true,
      autoCreate: true,
    });
    const fields = await admin(
      'GET',
      `/api/admin/zoho/portals/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.website}/modules/tasks/fields`,
    );
    expect(fields.status).toBe(200);
    expect(fields.body.fields.length).toBeGreaterThan(3);
    const statuses = await admin(
      'GET',
      `/api/admin/zoho/portals/${DEMO_PORTAL_ID}/projects/${DEMO_PROJECT_IDS.website}/modules/tasks/statuses`,
    );
    expect(statuses.body.statuses.map((s: { type: string }) => s.type)).toEqual(
      expect.arrayContaining(['open', 'closed']),
    );
  });

  it('walks Jira projects → issue types → fields, and statuses', async () => {
    const projects = (await admin('GET', '/api/admin/jira/projects')).body.projects;
    expect(projects).toEqual(expect.arrayContaining([{ id: OPS.id, key: OPS.key, name: 'Operations' }]));
    const types = (await admin('GET', `/api/admin/jira/projects/${OPS.id}/issue-types`)).body.issueTypes;
    expect(types.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['Task', 'Bug']));
    const fields = (await admin('GET', `/api/admin/jira/projects/${OPS.id}/issue-types/${TASK_TYPE}/fields`)).body
      .fields;
    expect(fields.map((f: { id: string }) => f.id)).toContain('summary');
    const statuses = (await admin('GET', `/api/admin/jira/projects/${OPS.id}/statuses`)).body.statuses;
    expect(statuses.map((s: { category: string }) => s.category)).toEqual(
      expect.arrayContaining(['new', 'indeterminate', 'done']),
    );
  });

  it('answers a bad portal id with 400 naming the parameter', async () => {
    const res = await admin('GET', '/api/admin/zoho/portals/abc/projects');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('portalId');
  });
});

describe('admin: Smart Connected Items and their Temporal Schedules', () => {
  const ids: Record<string, string> = {};

  it.each(['display_only', 'one_way', 'two_way', 'custom'])('creates a %s item with its schedule', async (mode) => {
    const res = await admin('POST', '/api/admin/items', itemBody(mode));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mode,
      enabled: true,
      schedule: { scheduleId: scheduleIdFor(res.body.id), paused: mode === 'display_only' },
    });
    ids[mode] = res.body.id;
    expect(await schedulePaused(res.body.id)).toBe(mode === 'display_only');
  });

  it('gives items on one Zoho source one schedule offset (regression: the source never reached the schedule)', async () => {
    const offsets = await Promise.all(
      ['one_way', 'two_way', 'custom'].map(async (mode) => {
        const d = await h.temporal.schedule.getHandle(scheduleIdFor(ids[mode])).describe();
        return d.spec.intervals?.[0]?.offset;
      }),
    );
    expect(offsets[0]).toEqual(expect.any(Number));
    expect(new Set(offsets).size).toBe(1);
  });

  it('refuses an item that breaks the mode matrix with 422 and one error per field', async () => {
    const res = await admin(
      'POST',
      '/api/admin/items',
      itemBody('one_way', {
        name: 'no issue type',
        jiraIssueTypeId: undefined,
        syncAttachments: true,
        zohoModule: 'milestones',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['jiraIssueTypeId', 'zohoModule']),
    );
  });

  it('refuses a duplicate name with 422 on the name field', async () => {
    const res = await admin('POST', '/api/admin/items', itemBody('one_way'));
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'name', code: 'duplicate' })]);
  });

  it('shows every grid column and the latest sync summary with its Temporal link', async () => {
    await h.prisma.syncRun.create({
      data: {
        installationId: t.installationId,
        sciId: ids.one_way,
        workflowId: `sync:${ids.one_way}-2026`,
        runId: 'run-1',
        status: 'partial',
        finishedAt: new Date(),
        created: 2,
        updated: 3,
        skipped: 1,
        failed: 1,
        needsAttention: 2,
        conflicts: [{ linkId: 'x', field: 'summary', winner: 'zoho', at: new Date().toISOString() }],
        errors: [{ jiraIssueKey: 'OPS-9', message: 'No safe status transition' }],
      },
    });
    const res = await admin('GET', '/api/admin/items');
    expect(res.status).toBe(200);
    const row = res.body.items.find((i: { id: string }) => i.id === ids.one_way);
    expect(row).toMatchObject({
      name: 'one_way item',
      mode: 'one_way',
      jiraProjectKeys: ['OPS'],
      jiraIssueTypeName: 'Task',
      zohoPortalName: 'acme',
      zohoProjectName: 'Website Relaunch',
      zohoModule: 'tasks',
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
      showAssociations: false,
      autoCreate: false,
      syncComments: true,
      syncAttachments: false,
      syncStatus: true,
      latestSync: {
        status: 'partial',
        created: 2,
        updated: 3,
        skipped: 1,
        failed: 1,
        needsAttention: 2,
        conflicts: 1,
        errors: [{ record: 'OPS-9', message: 'No safe status transition' }],
        workflowId: `sync:${ids.one_way}-2026`,
        runId: 'run-1',
        temporalUrl: expect.stringContaining(
          `/workflows/${encodeURIComponent(`sync:${ids.one_way}-2026`)}/run-1/history`,
        ),
      },
    });
    expect(res.body.items.find((i: { id: string }) => i.id === ids.custom).mappings[0].owner).toBe('jira');
  });

  it('pauses the schedule on disable and resumes it on enable', async () => {
    const off = await admin('POST', `/api/admin/items/${ids.two_way}/disable`);
    expect(off.body).toMatchObject({ enabled: false, schedule: { paused: true } });
    expect(await schedulePaused(ids.two_way)).toBe(true);
    const on = await admin('POST', `/api/admin/items/${ids.two_way}/enable`);
    expect(on.body.enabled).toBe(true);
    expect(await schedulePaused(ids.two_way)).toBe(false);
  });

  it('updates an item and keeps its schedule', async () => {
    const res = await admin(
      'PUT',
      `/api/admin/items/${ids.one_way}`,
      itemBody('one_way', { name: 'renamed', autoCreate: true }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'renamed', autoCreate: true });
    expect(await schedulePaused(ids.one_way)).toBe(false);
  });

  it('runs sync now for a synchronized item and refuses it for display-only', async () => {
    const res = await admin('POST', `/api/admin/items/${ids.one_way}/sync-now`);
    expect(res.status).toBe(202);
    expect(res.body.workflowId).toBe(`sync:${ids.one_way}`);
    const refused = await admin('POST', `/api/admin/items/${ids.display_only}/sync-now`);
    expect(refused.status).toBe(409);
  });

  it('deletes an item with its schedule', async () => {
    const res = await admin('DELETE', `/api/admin/items/${ids.custom}`);
    expect(res.body).toEqual({ deleted: true });
    await expect(h.temporal.schedule.getHandle(scheduleIdFor(ids.custom)).describe()).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
    expect((await admin('GET', `/api/admin/items/${ids.custom}`)).status).toBe(404);
  });

  it('reports the Jira token state for the admin status banner', async () => {
    const res = await admin('GET', '/api/admin/status');
    expect(res.body).toMatchObject({ installationId: t.installationId, jiraTokenValid: true, jiraTokenMessage: null });
  });

  afterAll(async () => {
    for (const id of Object.values(ids))
      await h.temporal.schedule
        .getHandle(scheduleIdFor(id))
        .delete()
        .catch(() => undefined);
  });
});

describe('admin: revoke', () => {
  it('revokes the Zoho connection and deletes its secrets', async () => {
    const res = await admin('DELETE', '/api/admin/connection');
    expect(res.body).toEqual({ connected: false, revokedAtZoho: true });
    expect(await h.prisma.zohoConnection.findUnique({ where: { installationId: t.installationId } })).toBeNull();
    const portals = await admin('GET', '/api/admin/zoho/portals');
    expect(portals.status).toBe(409);
    expect(portals.body.error.code).toBe('zoho_not_connected');
  });
});
