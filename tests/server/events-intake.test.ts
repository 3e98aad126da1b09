/**
 * The event intake under concurrency: deliveries arriving together share one receipt statement, yet
 * each is answered on its own: one signal per distinct delivery, `duplicate` for every repeat (even
 * when the repeats race in the same batch), `not_linked` / `ignored` per event, and a receipt is
 * forgotten when Temporal does not take the signal, so Forge's retry goes through.
 */
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { createEventIntake } from '../../server/events/intake';
import { createReceiptBatcher } from '../../server/events/receipt-batch';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { eventFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let t: FitTarget;
const started = new Set<string>();

async function linkIssues(issueIds: string[]): Promise<void> {
  const sci = await h.prisma.smartConnectedItem.create({ data: {
    installationId: t.installationId, name: `sci-intake-${Date.now()}`, mode: 'two_way', zohoPortalId: DEMO_PORTAL_ID,
    zohoProjectId: DEMO_PROJECT_IDS.website, zohoModule: 'tasks', jiraProjectIds: ['10000'], jiraIssueTypeId: '10001',
  } });
  await h.prisma.link.createMany({ data: issueIds.map((id) => ({
    installationId: t.installationId, sciId: sci.id, jiraIssueId: id, jiraIssueKey: `OPS-${id}`, zohoRecordId: `9${id}`, origin: 'manual' as const,
  })) });
}

const event = (issueId: string, updated: string, eventType = 'avi:jira:updated:issue') => ({
  payload: {
    eventType, atlassianId: 'user-1',
    issue: { id: issueId, key: `OPS-${issueId}`, fields: { updated } },
    changelog: { items: [{ field: 'summary', fieldId: 'summary' }] },
  },
});

async function signalsOf(issueId: string): Promise<number> {
  const workflowId = issueEventsWorkflowIdFor(t.installationId, issueId);
  started.add(workflowId);
  const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
}

beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  await h.prisma.installation.create({ data: { id: t.installationId, apiBaseUrl: t.apiBaseUrl, siteUrl: t.siteUrl, cloudId: t.cloudId } });
});
afterAll(async () => {
  for (const id of started) await h.temporal.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  await h?.close();
});

describe('event intake under concurrent deliveries', () => {
  it('signals a delivery once when Forge delivers it several times at the same moment', async () => {
    await linkIssues(['61001']);
    const fit = await eventFit(t);
    const body = event('61001', '2026-11-28T11:00:00.000+0000');
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.call('POST', '/forge/events', { fit, body })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.outcome === 'signalled')).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === 'duplicate')).toHaveLength(5);
    expect(await signalsOf('61001')).toBe(1);
  });

  it('answers a mixed burst per event: every distinct change signalled once, unlinked and unsynced ones acknowledged', async () => {
    const linked = ['62001', '62002', '62003', '62004'];
    await linkIssues(linked);
    const fit = await eventFit(t);
    const deliveries = [
      ...linked.flatMap((id) => [1, 2, 3].map((m) => ({ id, body: event(id, `2026-11-28T12:0${m}:00.000+0000`), want: 'signalled' }))),
      ...['69001', '69002'].map((id) => ({ id, body: event(id, '2026-11-28T12:00:00.000+0000'), want: 'not_linked' })),
      { id: '62001', body: event('62001', '2026-11-28T12:00:00.000+0000', 'avi:jira:viewed:issue'), want: 'ignored' },
    ];
    const answers = await Promise.all(deliveries.map((d) => h.call('POST', '/forge/events', { fit, body: d.body })));
    expect(answers.map((a) => a.body?.outcome)).toEqual(deliveries.map((d) => d.want));
    for (const id of linked) expect(await signalsOf(id)).toBe(3);
    // The same burst again (Forge retrying all of it): nothing new reaches Temporal.
    const again = await Promise.all(deliveries.map((d) => h.call('POST', '/forge/events', { fit, body: d.body })));
    expect(again.map((a) => a.body?.outcome)).toEqual(deliveries.map(() => 'duplicate'));
    for (const id of linked) expect(await signalsOf(id)).toBe(3);
  });

  it('forgets the receipt when Temporal does not take the signal, so the retried delivery is signalled', async () => {
    await linkIssues(['63001']);
    const mapped = {
      deliveryKey: `forge:test:63001:${Date.now()}`, eventType: 'avi:jira:updated:issue',
      signal: {
        kind: 'issue_updated' as const, installationId: t.installationId, jiraIssueId: '63001', jiraIssueKey: 'OPS-63001',
        changedFieldIds: ['summary'], occurredAt: new Date().toISOString(),
      },
    };
    // A Temporal client whose calls fail (closed connection): the intake must answer with an error.
    const { Client, Connection } = await import('@temporalio/client');
    const broken = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    await broken.close();
    const failing = createEventIntake({ prisma: h.prisma, temporal: new Client({ connection: broken }), taskQueue: h.taskQueue });
    await expect(failing(t.installationId, 'forge', mapped)).rejects.toBeDefined();
    expect(await h.prisma.eventReceipt.count({ where: { installationId: t.installationId, deliveryKey: mapped.deliveryKey } })).toBe(0);
    const working = createEventIntake({ prisma: h.prisma, temporal: h.temporal, taskQueue: h.taskQueue });
    await expect(working(t.installationId, 'forge', mapped)).resolves.toBe('signalled');
    await expect(working(t.installationId, 'forge', mapped)).resolves.toBe('duplicate');
    expect(await signalsOf('63001')).toBe(1);
  });

  it('one receipt statement for deliveries of the same moment: the first claims a key, its twins are duplicates', async () => {
    await linkIssues(['64001']);
    const claim = createReceiptBatcher(h.prisma);
    const key = (n: number) => ({ installationId: t.installationId, deliveryKey: `forge:batch:${Date.now()}:${n}`, source: 'forge' as const, eventType: 'x' });
    const [a, b, c] = [key(1), key(2), key(3)];
    // Claimed in the same event-loop turn, so they share one statement.
    const answers = await Promise.all([
      claim({ ...a, jiraIssueId: '64001' }), claim({ ...a, jiraIssueId: '64001' }), claim({ ...b, jiraIssueId: '69999' }),
      claim({ ...a, jiraIssueId: '64001' }), claim({ ...c, jiraIssueId: null }),
    ]);
    expect(answers.map((x) => [x.receiptId !== null, x.linked])).toEqual([[true, true], [false, true], [true, false], [false, true], [true, false]]);
    expect(await h.prisma.eventReceipt.count({ where: { deliveryKey: { in: [a.deliveryKey, b.deliveryKey, c.deliveryKey] } } })).toBe(3);
    // A later statement sees the stored receipts.
    expect((await claim({ ...b, jiraIssueId: '69999' })).receiptId).toBeNull();
  });

  it('an event after the issue\'s entity run ended starts a new run (a plain signal falls back to signalWithStart)', async () => {
    await linkIssues(['65001']);
    const fit = await eventFit(t);
    const workflowId = issueEventsWorkflowIdFor(t.installationId, '65001');
    started.add(workflowId);
    const first = await h.call('POST', '/forge/events', { fit, body: event('65001', '2026-11-28T13:00:00.000+0000') });
    expect(first.body).toEqual({ outcome: 'signalled' });
    const firstRun = (await h.temporal.workflow.getHandle(workflowId).describe()).runId;
    // The next one goes as a plain signal to the open run.
    const second = await h.call('POST', '/forge/events', { fit, body: event('65001', '2026-11-28T13:01:00.000+0000') });
    expect(second.body).toEqual({ outcome: 'signalled' });
    expect(await signalsOf('65001')).toBe(2);
    await h.temporal.workflow.getHandle(workflowId).terminate('run ended');
    const third = await h.call('POST', '/forge/events', { fit, body: event('65001', '2026-11-28T13:02:00.000+0000') });
    expect(third.body).toEqual({ outcome: 'signalled' });
    const d = await h.temporal.workflow.getHandle(workflowId).describe();
    expect(d.runId).not.toBe(firstRun);
    expect(d.status.name).toBe('RUNNING');
    expect(await signalsOf('65001')).toBe(1); // the new run holds the third event
  });
});
