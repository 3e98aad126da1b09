/**
 * Jira → server → Temporal: Forge events and signed webhooks are verified, deduplicated and turned
 * into the event outbox (answered `accepted` once committed), then relayed as signals of the issue's
 * entity workflow. Lifecycle events keep the Installation and its schedules in step.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { issueEventsWorkflowIdFor, scheduleIdFor } from '../../workflows/ids';
import { adminFit, eventFit, type FitTarget } from '../support/fit';
import { eventually, startServerHarness, WEBHOOK_SECRET, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let t: FitTarget;
const started: string[] = [];
const SYSTEM_TOKEN = { 'x-forge-oauth-system': 'sim-system-token' };

async function linkIssue(issueId: string, key: string, sciId?: string) {
  const sci =
    sciId ??
    (
      await h.prisma.smartConnectedItem.create({
        data: {
          installationId: t.installationId,
          name: `sci-${issueId}-${Date.now()}`,
          mode: 'two_way',
          zohoPortalId: DEMO_PORTAL_ID,
          zohoProjectId: DEMO_PROJECT_IDS.website,
          zohoModule: 'tasks',
          jiraProjectIds: ['10000'],
          jiraIssueTypeId: '10001',
        },
      })
    ).id;
  await h.prisma.link.create({
    data: {
      installationId: t.installationId,
      sciId: sci,
      jiraIssueId: issueId,
      jiraIssueKey: key,
      zohoRecordId: `9${issueId}`,
      origin: 'manual',
    },
  });
  return sci;
}
async function signalsOf(workflowId: string): Promise<number> {
  const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
}
function sign(body: string): string {
  return `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
}

beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  await h.call('POST', '/forge/lifecycle', {
    fit: await eventFit(t, 'zoho-connector-lifecycle'),
    body: { payload: { eventType: 'avi:forge:installed:app', id: t.installationId } },
    headers: SYSTEM_TOKEN,
  });
});
afterAll(async () => {
  for (const id of started)
    await h.temporal.workflow
      .getHandle(id)
      .terminate('test done')
      .catch(() => undefined);
  await h?.close();
});

describe('Forge product events', () => {
  const event = (issueId: string, updated: string) => ({
    payload: {
      eventType: 'avi:jira:updated:issue',
      atlassianId: 'user-1',
      issue: { id: issueId, key: `OPS-${issueId}`, fields: { updated } },
      changelog: { items: [{ field: 'summary', fieldId: 'summary' }] },
    },
  });

  it("accepts and signals the linked issue's entity workflow once, even when Forge retries the delivery", async () => {
    await linkIssue('50001', 'OPS-50001');
    const fit = await eventFit(t);
    const first = await h.call('POST', '/forge/events', { fit, body: event('50001', '2026-11-28T10:00:00.000+0000') });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ outcome: 'accepted' });
    const workflowId = issueEventsWorkflowIdFor(t.installationId, '50001');
    started.push(workflowId);
    const retry = await h.call('POST', '/forge/events', {
      fit,
      body: {
        payload: {
          ...event('50001', '2026-11-28T10:00:00.000+0000').payload,
          retryContext: { retryCount: 1, retryReason: 'TIMEOUT' },
        },
      },
    });
    expect(retry.body).toEqual({ outcome: 'duplicate' });
    const next = await h.call('POST', '/forge/events', { fit, body: event('50001', '2026-11-28T10:01:00.000+0000') });
    expect(next.body).toEqual({ outcome: 'accepted' });
    expect(
      await eventually(async () => ((await signalsOf(workflowId)) === 2 ? true : undefined), 10_000, 'two signals'),
    ).toBe(true);
    const d = await h.temporal.workflow.getHandle(workflowId).describe();
    expect(d.type).toBe('issueEvents');
  });

  it('acknowledges events of unlinked issues without starting anything', async () => {
    const res = await h.call('POST', '/forge/events', {
      fit: await eventFit(t),
      body: event('59999', '2026-11-28T10:00:00.000+0000'),
    });
    expect(res.body).toEqual({ outcome: 'not_linked' });
  });

  it('rejects an event without a valid FIT', async () => {
    const res = await h.call('POST', '/forge/events', { body: event('50001', 'x') });
    expect(res.status).toBe(401);
  });
});

describe('Jira admin webhooks (HMAC)', () => {
  const raw = readFileSync(
    join(__dirname, '../../sim/ref/jira-webhooks/mattermost-webhook-issue-updated-renamed.json'),
    'utf8',
  );
  const payload = JSON.parse(raw) as { issue: { id: string; key: string } };

  it('verifies X-Hub-Signature, dedupes on X-Atlassian-Webhook-Identifier and accepts', async () => {
    await linkIssue(payload.issue.id, payload.issue.key);
    started.push(issueEventsWorkflowIdFor(t.installationId, payload.issue.id));
    const path = `/webhooks/jira?installation=${encodeURIComponent(t.installationId)}`;
    const headers = { 'x-hub-signature': sign(raw), 'x-atlassian-webhook-identifier': `hook-${Date.now()}` };
    const first = await h.call('POST', path, { raw, headers });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ outcome: 'accepted' });
    const again = await h.call('POST', path, { raw, headers });
    expect(again.body).toEqual({ outcome: 'duplicate' });
  });

  it.each([
    ['a wrong signature', { 'x-hub-signature': `sha256=${'0'.repeat(64)}` }],
    ['no signature', {}],
  ])('answers 401 for %s', async (_label, headers) => {
    const res = await h.call('POST', `/webhooks/jira?installation=${encodeURIComponent(t.installationId)}`, {
      raw,
      headers: headers as Record<string, string>,
    });
    expect(res.status).toBe(401);
  });

  it('finds the installation by the site of issue.self when no installation is named', async () => {
    const site = `https://site-${Date.now()}.atlassian.net`;
    await h.prisma.installation.update({ where: { id: t.installationId }, data: { siteUrl: site } });
    const body = JSON.stringify({
      ...payload,
      issue: { ...payload.issue, id: '70001', self: `${site}/rest/api/2/issue/70001` },
    });
    const res = await h.call('POST', '/webhooks/jira', {
      raw: body,
      headers: { 'x-hub-signature': sign(body), 'x-atlassian-webhook-identifier': `h-${Date.now()}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ outcome: 'not_linked' });
  });
});

describe('Forge lifecycle', () => {
  it('installed creates the installation; preUninstall pauses its schedules and keeps its data; reinstall resumes', async () => {
    const inst = await h.prisma.installation.findUniqueOrThrow({ where: { id: t.installationId } });
    expect(inst.status).toBe('active');
    const created = await h.call('POST', '/api/admin/items', {
      fit: await adminFit(t),
      headers: SYSTEM_TOKEN,
      body: {
        name: 'Lifecycle item',
        mode: 'one_way',
        zohoPortalId: DEMO_PORTAL_ID,
        zohoProjectId: DEMO_PROJECT_IDS.website,
        zohoModule: 'tasks',
        jiraProjectIds: ['10000'],
        jiraIssueTypeId: '10001',
      },
    });
    expect(created.status).toBe(201);
    const handle = h.temporal.schedule.getHandle(scheduleIdFor(created.body.id));
    expect((await handle.describe()).state.paused).toBe(false);

    const pre = await h.call('POST', '/forge/pre-uninstall', {
      fit: await eventFit(t, 'zoho-connector-pre-uninstall'),
      body: {},
    });
    expect(pre.body).toEqual({ ok: true, status: 'uninstalled' });
    expect((await h.prisma.installation.findUniqueOrThrow({ where: { id: t.installationId } })).status).toBe(
      'uninstalled',
    );
    expect((await handle.describe()).state.paused).toBe(true);
    expect(await h.prisma.smartConnectedItem.count({ where: { installationId: t.installationId } })).toBeGreaterThan(0);

    await h.call('POST', '/forge/lifecycle', {
      fit: await eventFit(t, 'zoho-connector-lifecycle'),
      body: { payload: { eventType: 'avi:forge:installed:app' } },
    });
    expect((await handle.describe()).state.paused).toBe(false);
    await handle.delete();
  });

  it('the five-minute keepalive records "last heard from Jira" and the fresh system token', async () => {
    await h.prisma.installation.update({ where: { id: t.installationId }, data: { lastHeardAt: null } });
    const res = await h.call('POST', '/forge/keepalive', {
      fit: await eventFit(t, 'zoho-connector-keepalive'),
      body: {},
      headers: SYSTEM_TOKEN,
    });
    expect(res.body).toEqual({ ok: true, status: 'heard' });
    const inst = await h.prisma.installation.findUniqueOrThrow({ where: { id: t.installationId } });
    expect(inst.lastHeardAt).not.toBeNull();
    expect(inst.systemTokenEnc).toBeTruthy();
  });
});
