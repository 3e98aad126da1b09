/**
 * Issue panel flow over real HTTP: which items apply to the issue, search (≥ 2 characters), manual
 * link with its one Zoho note, preview, refresh (re-sync through Temporal), associations, unlink,
 * and the auto-managed link that the panel may refresh but never unlink or replace.
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
const TASK = '10001';
const BUG = '10002';
let task: { id: string; key: string };
let bug: { id: string; key: string };
let displaySci: string;
let syncedSci: string;
let bugSci: string;
let zebraId: string;
let otherId: string;

async function jiraIssue(key: string): Promise<{ id: string; key: string }> {
  const res = await request(`${h.jira.apiBaseUrl}/rest/api/3/issue/${key}?fields=issuetype`, {
    headers: { authorization: 'Bearer sim-system-token' },
  });
  const body = (await res.body.json()) as { id: string; key: string };
  return { id: body.id, key: body.key };
}
async function admin(method: string, path: string, body?: unknown) {
  return h.call(method, path, { fit: await adminFit(t), body, headers: SYSTEM_TOKEN });
}
async function panel(
  method: string,
  path: string,
  issue: { id: string; key: string; typeId?: string },
  body?: unknown,
) {
  return h.call(method, path, { fit: await panelFit(t, issue, OPS), body, headers: SYSTEM_TOKEN });
}
function sci(name: string, mode: string, extra: Record<string, unknown>) {
  return {
    name,
    mode,
    zohoPortalId: DEMO_PORTAL_ID,
    zohoPortalName: 'acme',
    zohoProjectId: DEMO_PROJECT_IDS.website,
    zohoModule: 'tasks',
    jiraProjectIds: [OPS.id],
    jiraProjectKeys: [OPS.key],
    ...extra,
  };
}

beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  [task, bug] = await Promise.all([jiraIssue('OPS-1'), jiraIssue('OPS-2')]);
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
  displaySci = (
    await admin(
      'POST',
      '/api/admin/items',
      sci('Display tasks', 'display_only', { displayFields: ['name', 'status', 'priority'], showAssociations: true }),
    )
  ).body.id;
  syncedSci = (
    await admin(
      'POST',
      '/api/admin/items',
      sci('Sync tasks', 'one_way', {
        jiraIssueTypeId: TASK,
        mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', zohoFieldName: 'Task name' }],
        showAssociations: true,
      }),
    )
  ).body.id;
  bugSci = (
    await admin('POST', '/api/admin/items', sci('Sync bugs', 'one_way', { jiraIssueTypeId: BUG, zohoModule: 'issues' }))
  ).body.id;
  zebraId = String(h.zoho.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Zebra migration plan' }).id);
  otherId = String(
    h.zoho.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Zebra crossing signage' }).id,
  );
});
afterAll(async () => {
  for (const id of [displaySci, syncedSci, bugSci])
    await h.temporal.schedule
      .getHandle(scheduleIdFor(id ?? 'none'))
      .delete()
      .catch(() => undefined);
  await h?.close();
});

describe('issue panel', () => {
  it('shows display-only items by project and synchronized items by project AND issue type', async () => {
    const res = await panel('GET', '/api/panel/items', { ...task, typeId: TASK });
    expect(res.status).toBe(200);
    expect(res.body.issue).toEqual(task);
    expect(res.body.zohoConnected).toBe(true);
    expect(res.body.items.map((i: { sci: { id: string } }) => i.sci.id)).toEqual([displaySci, syncedSci]);
    expect(res.body.items[0]).toMatchObject({
      link: null,
      actions: { link: true, unlink: false, refresh: false, open: false },
    });
    const onBug = await panel('GET', '/api/panel/items', { ...bug, typeId: BUG });
    expect(onBug.body.items.map((i: { sci: { id: string } }) => i.sci.id)).toEqual([displaySci, bugSci]);
  });

  it('reads the issue type from Jira with the stored system token when the FIT lacks it', async () => {
    const res = await panel('GET', '/api/panel/items', task);
    expect(res.body.items.map((i: { sci: { id: string } }) => i.sci.id)).toEqual([displaySci, syncedSci]);
  });

  it('asks for at least two characters before searching', async () => {
    const res = await panel('GET', `/api/panel/items/${displaySci}/search?q=Z`, task);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'search_too_short',
      message: 'Type at least 2 characters to search Zoho Projects.',
    });
  });

  it("searches the item's portal, project and module by name", async () => {
    const res = await panel('GET', `/api/panel/items/${displaySci}/search?q=Zebra`, task);
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: { id: string }) => r.id).sort()).toEqual([zebraId, otherId].sort());
    expect(res.body.records[0].url).toMatch(/^https:\/\/projects\.zoho\.eu\/portal\/acme#taskdetail\//);
  });

  it('links a record manually, shows its preview, and writes one Zoho note even when linked twice', async () => {
    const res = await panel('POST', `/api/panel/items/${displaySci}/link`, task, { zohoRecordId: zebraId });
    expect(res.status).toBe(200);
    expect(res.body.link).toMatchObject({
      origin: 'manual',
      record: { id: zebraId, name: 'Zebra migration plan' },
      previewError: null,
      needsAttention: null,
    });
    expect(res.body.link.preview.map((p: { field: string }) => p.field)).toEqual(['name', 'status', 'priority']);
    expect(res.body.link.preview[0].value).toBe('Zebra migration plan');
    expect(res.body.actions).toEqual({ link: false, unlink: true, refresh: true, open: true });
    const again = await panel('POST', `/api/panel/items/${displaySci}/link`, task, { zohoRecordId: zebraId });
    expect(again.status).toBe(200);
    const notes = h.zoho.control.comments(zebraId).filter((c) => JSON.stringify(c).includes(task.key));
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0])).toMatch(/Display tasks.*manual/);
    const link = await h.prisma.link.findFirstOrThrow({
      where: { installationId: t.installationId, sciId: displaySci },
    });
    expect(link.zohoNoteCommentId).toBeTruthy();
  });

  it('refuses to link a record already linked to another issue under the same item', async () => {
    const res = await panel('POST', `/api/panel/items/${displaySci}/link`, bug, { zohoRecordId: zebraId });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_linked');
    expect(res.body.error.message).toContain(task.key);
  });

  it("shows the record's needs-attention reason on the panel until it clears", async () => {
    await panel('POST', `/api/panel/items/${syncedSci}/link`, task, { zohoRecordId: otherId });
    const reason = 'No transition from "In Review" leads to "Closed" (or another done status).';
    await h.prisma.link.updateMany({ where: { sciId: syncedSci }, data: { needsAttention: reason } });
    const shown = await panel('GET', '/api/panel/items', { ...task, typeId: TASK });
    const item = shown.body.items.find((i: { sci: { id: string } }) => i.sci.id === syncedSci);
    expect(item.link.needsAttention).toBe(reason);
    await h.prisma.link.updateMany({ where: { sciId: syncedSci }, data: { needsAttention: null } });
  });

  it('refreshes a synchronized link by asking Temporal to re-sync it', async () => {
    await panel('POST', `/api/panel/items/${syncedSci}/link`, task, { zohoRecordId: otherId });
    const res = await panel('POST', `/api/panel/items/${syncedSci}/refresh`, task);
    expect(res.status).toBe(200);
    expect(res.body.link.record.id).toBe(otherId);
    expect(res.body.syncWorkflowId).toMatch(/^refresh:/);
    const described = await h.temporal.workflow.getHandle(res.body.syncWorkflowId).describe();
    expect(described.type).toBe('refreshLink');
    expect(described.taskQueue).toBe(h.taskQueue);
    await h.temporal.workflow
      .getHandle(res.body.syncWorkflowId)
      .terminate('test done')
      .catch(() => undefined);
  });

  it('shows associated records grouped (comments include the connector note)', async () => {
    h.zoho.control.addComment(zebraId, '<p>Please check the plan</p>');
    const res = await panel('GET', `/api/panel/items/${displaySci}/associations`, task);
    expect(res.status).toBe(200);
    const comments = res.body.groups.find((g: { relation: string }) => g.relation === 'comments');
    expect(comments.records.map((r: { title: string }) => r.title)).toEqual(
      expect.arrayContaining(['Please check the plan']),
    );
  });

  it('unlinks a manual link', async () => {
    const res = await panel('DELETE', `/api/panel/items/${displaySci}/link`, task);
    expect(res.status).toBe(200);
    expect(res.body.link).toBeNull();
    expect(await h.prisma.link.count({ where: { installationId: t.installationId, sciId: displaySci } })).toBe(0);
  });

  it('refreshes an auto-managed link but refuses to unlink or replace it', async () => {
    await h.prisma.link.deleteMany({ where: { installationId: t.installationId, sciId: syncedSci } });
    await h.prisma.link.create({
      data: {
        installationId: t.installationId,
        sciId: syncedSci,
        jiraIssueId: task.id,
        jiraIssueKey: task.key,
        zohoRecordId: otherId,
        origin: 'auto',
      },
    });
    const items = await panel('GET', '/api/panel/items', task);
    const row = items.body.items.find((i: { sci: { id: string } }) => i.sci.id === syncedSci);
    expect(row.actions).toMatchObject({ unlink: false, refresh: true, link: false });
    expect(row.unlinkBlockedReason).toMatch(/automatically/);
    const unlink = await panel('DELETE', `/api/panel/items/${syncedSci}/link`, task);
    expect(unlink.status).toBe(409);
    expect(unlink.body.error.code).toBe('auto_managed_link');
    const replace = await panel('POST', `/api/panel/items/${syncedSci}/link`, task, { zohoRecordId: zebraId });
    expect(replace.status).toBe(409);
    expect(replace.body.error.code).toBe('auto_managed_link');
    const refresh = await panel('POST', `/api/panel/items/${syncedSci}/refresh`, task);
    expect(refresh.status).toBe(200);
    await h.temporal.workflow
      .getHandle(refresh.body.syncWorkflowId)
      .terminate('test done')
      .catch(() => undefined);
  });

  it('refuses an item that does not apply to the issue', async () => {
    const res = await panel('GET', `/api/panel/items/${bugSci}/search?q=Zebra`, { ...task, typeId: TASK });
    expect(res.status).toBe(403);
  });
});
