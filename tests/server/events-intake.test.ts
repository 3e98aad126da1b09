/**
 * The event intake (a durable inbox) under concurrency: deliveries arriving together share one
 * receipt statement, yet each is answered on its own: `accepted` once per distinct delivery (the
 * row is committed), `duplicate` for every repeat (even when the repeats race in the same batch),
 * `not_linked` / `ignored` per event. The relay then delivers every accepted event to the issue's
 * entity workflow exactly once and in arrival order, even when Temporal was unreachable at
 * acceptance time.
 */
import { Client, Connection } from '@temporalio/client';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { createEventIntake } from '../../server/events/intake';
import { createReceiptBatcher } from '../../server/events/receipt-batch';
import { createEventRelay } from '../../server/events/relay';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { eventFit, type FitTarget } from '../support/fit';
import { eventually, startServerHarness, type ServerHarness } from '../support/server-harness';

let h: ServerHarness;
let t: FitTarget;
const started = new Set<string>();

async function linkIssues(issueIds: string[]): Promise<void> {
  const sci = await h.prisma.smartConnectedItem.create({
    data: {
      installationId: t.installationId,
      name: `sci-intake-${Date.now()}`,
      mode: 'two_way',
      zohoPortalId: DEMO_PORTAL_ID,
      zohoProjectId: DEMO_PROJECT_IDS.website,
      zohoModule: 'tasks',
      jiraProjectIds: ['10000'],
      jiraIssueTypeId: '10001',
    },
  });
  await h.prisma.link.createMany({
    data: issueIds.map((id) => ({
      installationId: t.installationId,
      sciId: sci.id,
      jiraIssueId: id,
      jiraIssueKey: `OPS-${id}`,
      zohoRecordId: `9${id}`,
      origin: 'manual' as const,
    })),
  });
}

const event = (issueId: string, updated: string, eventType = 'avi:jira:updated:issue') => ({
  payload: {
    eventType,
    atlassianId: 'user-1',
    issue: { id: issueId, key: `OPS-${issueId}`, fields: { updated } },
    changelog: { items: [{ field: 'summary', fieldId: 'summary' }] },
  },
});

interface Delivered {
  receiptId?: string;
  occurredAt: string;
}

/** The events the issue's entity workflow was signalled with, in order (batch and single-event signals). */
async function deliveredTo(issueId: string): Promise<Delivered[]> {
  const workflowId = issueEventsWorkflowIdFor(t.installationId, issueId);
  started.add(workflowId);
  const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const a = e.workflowExecutionSignaledEventAttributes;
    if (!a) return [];
    const arg = JSON.parse(Buffer.from(a.input!.payloads![0].data!).toString('utf8')) as
      Delivered | { events: Delivered[] };
    return 'events' in arg ? arg.events : [arg];
  });
}

/** Poll until the issue's workflow holds `n` events (and no more). */
async function awaitDelivered(issueId: string, n: number): Promise<Delivered[]> {
  return eventually(
    async () => {
      const d = await deliveredTo(issueId).catch(() => []);
      return d.length >= n ? d : undefined;
    },
    15_000,
    `${n} events delivered to ${issueId}`,
  );
}

const mappedEvent = (issueId: string, n: number) => ({
  deliveryKey: `forge:test:${issueId}:${Date.now()}:${n}`,
  eventType: 'avi:jira:updated:issue',
  signal: {
    kind: 'issue_updated' as const,
    installationId: t.installationId,
    jiraIssueId: issueId,
    jiraIssueKey: `OPS-${issueId}`,
    changedFieldIds: ['summary'],
    occurredAt: new Date(Date.UTC(2026, 10, 28, 12, 0, n)).toISOString(),
  },
});

beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
  await h.prisma.installation.create({
    data: { id: t.installationId, apiBaseUrl: t.apiBaseUrl, siteUrl: t.siteUrl, cloudId: t.cloudId },
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

describe('event intake under concurrent deliveries', () => {
  it('accepts a delivery once when Forge delivers it several times at the same moment, and signals it once', async () => {
    await linkIssues(['61001']);
    const fit = await eventFit(t);
    const body = event('61001', '2026-11-28T11:00:00.000+0000');
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.call('POST', '/forge/events', { fit, body })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.outcome === 'accepted')).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === 'duplicate')).toHaveLength(5);
    const delivered = await awaitDelivered('61001', 1);
    expect(delivered).toHaveLength(1);
    const row = await h.prisma.eventReceipt.findUniqueOrThrow({ where: { id: delivered[0].receiptId! } });
    await eventually(async () =>
      (await h.prisma.eventReceipt.findUniqueOrThrow({ where: { id: row.id } })).state === 'signalled'
        ? true
        : undefined,
    );
  });

  it('answers a mixed burst per event: every distinct change accepted and delivered once, unlinked and unsynced ones acknowledged', async () => {
    const linked = ['62001', '62002', '62003', '62004'];
    await linkIssues(linked);
    const fit = await eventFit(t);
    const deliveries = [
      ...linked.flatMap((id) =>
        [1, 2, 3].map((m) => ({ id, body: event(id, `2026-11-28T12:0${m}:00.000+0000`), want: 'accepted' })),
      ),
      ...['69001', '69002'].map((id) => ({ id, body: event(id, '2026-11-28T12:00:00.000+0000'), want: 'not_linked' })),
      { id: '62001', body: event('62001', '2026-11-28T12:00:00.000+0000', 'avi:jira:viewed:issue'), want: 'ignored' },
    ];
    const answers = await Promise.all(deliveries.map((d) => h.call('POST', '/forge/events', { fit, body: d.body })));
    expect(answers.map((a) => a.body?.outcome)).toEqual(deliveries.map((d) => d.want));
    for (const id of linked) expect(new Set((await awaitDelivered(id, 3)).map((e) => e.receiptId)).size).toBe(3);
    const states = await h.prisma.eventReceipt.groupBy({
      by: ['state'],
      where: { installationId: t.installationId, jiraIssueId: { in: [...linked, '69001', '69002'] } },
      _count: true,
    });
    expect(Object.fromEntries(states.map((s) => [s.state, s._count]))).toEqual(
      expect.objectContaining({ not_linked: 2 }),
    );
    // The same burst again (Forge retrying all of it): nothing new reaches Temporal.
    const again = await Promise.all(deliveries.map((d) => h.call('POST', '/forge/events', { fit, body: d.body })));
    expect(again.map((a) => a.body?.outcome)).toEqual(deliveries.map(() => 'duplicate'));
    await h.app.relay.idle();
    for (const id of linked) expect(await deliveredTo(id)).toHaveLength(3);
  });

  it('accepts events while Temporal is unreachable; a relay that reaches Temporal delivers them later, once, in arrival order', async () => {
    await linkIssues(['63001']);
    // A client at an address where nothing listens, without gRPC retries: every signal fails at once.
    const dead = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }) });
    const deadRelay = createEventRelay({ prisma: h.prisma, temporal: dead, taskQueue: h.taskQueue });
    const intake = createEventIntake({ prisma: h.prisma, relay: deadRelay });
    const events = [1, 2, 3].map((n) => mappedEvent('63001', n));
    for (const e of events) await expect(intake(t.installationId, 'forge', e)).resolves.toBe('accepted');
    await expect(intake(t.installationId, 'forge', events[0])).resolves.toBe('duplicate');
    await deadRelay.idle();
    const where = { installationId: t.installationId, deliveryKey: { in: events.map((e) => e.deliveryKey) } };
    const failed = await h.prisma.eventReceipt.findMany({ where, orderBy: { seq: 'asc' } });
    expect(failed.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(failed.every((r) => r.attempts >= 1 && (r.lastError ?? '').length > 0)).toBe(true);
    expect(deadRelay.stats().failedSignals).toBeGreaterThanOrEqual(1);
    await deadRelay.close();

    // A relay with the real client sweeps them once the failed signal's backoff (1 s) has passed.
    const relay = createEventRelay({ prisma: h.prisma, temporal: h.temporal, taskQueue: h.taskQueue });
    await eventually(
      async () => {
        await relay.sweep();
        await relay.idle();
        const rows = await h.prisma.eventReceipt.findMany({ where });
        return rows.every((r) => r.state === 'signalled') ? true : undefined;
      },
      15_000,
      'the swept events signalled',
    );
    await relay.close();
    const delivered = await awaitDelivered('63001', 3);
    expect(delivered.map((d) => d.receiptId)).toEqual(failed.map((r) => r.id));
    expect(delivered.map((d) => d.occurredAt)).toEqual(events.map((e) => e.signal.occurredAt));
  });

  it('keeps arrival order per issue when the relay coalesces a backlog into few signals', async () => {
    await linkIssues(['63501']);
    const relay = createEventRelay({
      prisma: h.prisma,
      temporal: h.temporal,
      taskQueue: h.taskQueue,
      options: { concurrency: 1 },
    });
    const intake = createEventIntake({ prisma: h.prisma, relay });
    const events = Array.from({ length: 12 }, (_, n) => mappedEvent('63501', n));
    // Delivered together: they share one receipt statement, stored in request order.
    expect(await Promise.all(events.map((e) => intake(t.installationId, 'forge', e)))).toEqual(
      events.map(() => 'accepted'),
    );
    await relay.idle();
    await relay.close();
    const delivered = await awaitDelivered('63501', 12);
    expect(delivered.map((d) => d.occurredAt)).toEqual(events.map((e) => e.signal.occurredAt));
    const history = await h.temporal.workflow
      .getHandle(issueEventsWorkflowIdFor(t.installationId, '63501'))
      .fetchHistory();
    const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
    expect(signals).toBeLessThan(12); // events accepted while a signal was in flight went together
  });

  it('holds signals while deliveries arrive fast (acknowledging comes first) and sends them when the spike ends', async () => {
    await linkIssues(['63701']);
    const relay = createEventRelay({
      prisma: h.prisma,
      temporal: h.temporal,
      taskQueue: h.taskQueue,
      options: { maxDeferMs: 60_000 },
    });
    const intake = createEventIntake({ prisma: h.prisma, relay });
    const spike = Array.from({ length: 40 }, () => relay.begin());
    expect(await intake(t.installationId, 'forge', mappedEvent('63701', 1))).toBe('accepted');
    expect(relay.stats()).toMatchObject({ queued: 1, inFlight: 0 });
    for (const end of spike) end();
    // The spike's window passes (250-500 ms) and the held event goes out without any further delivery.
    await awaitDelivered('63701', 1);
    await relay.idle();
    await relay.close();
  });

  it('under sustained pressure the hold gives way once the oldest event has waited overloadAfterMs', async () => {
    await linkIssues(['63901']);
    const relay = createEventRelay({
      prisma: h.prisma,
      temporal: h.temporal,
      taskQueue: h.taskQueue,
      options: { maxDeferMs: 60_000, overloadAfterMs: 300 },
    });
    const intake = createEventIntake({ prisma: h.prisma, relay });
    const spike = Array.from({ length: 40 }, () => relay.begin()); // deliveries still in progress: pressure stays high
    expect(await intake(t.installationId, 'forge', mappedEvent('63901', 1))).toBe('accepted');
    expect(relay.stats()).toMatchObject({ queued: 1, inFlight: 0 });
    expect(await awaitDelivered('63901', 1)).toHaveLength(1);
    for (const end of spike) end();
    await relay.idle();
    await relay.close();
  });

  it('the sweeper sets aside an outbox row that holds no valid event and still delivers the others', async () => {
    await linkIssues(['64101']);
    const relay = createEventRelay({ prisma: h.prisma, temporal: h.temporal, taskQueue: h.taskQueue });
    const good = mappedEvent('64101', 1);
    const row = (deliveryKey: string, signal: object | undefined) =>
      h.prisma.eventReceipt.create({
        data: {
          installationId: t.installationId,
          deliveryKey,
          source: 'forge',
          eventType: 'avi:jira:updated:issue',
          jiraIssueId: '64101',
          state: 'pending',
          ...(signal ? { signal } : {}),
        },
      });
    const bad = await row(`${good.deliveryKey}:bad`, { kind: 'issue_exploded', installationId: t.installationId });
    const ok = await row(good.deliveryKey, good.signal);
    expect(await relay.sweep()).toBeGreaterThanOrEqual(2);
    expect(await awaitDelivered('64101', 1)).toHaveLength(1);
    await relay.idle();
    await relay.close();
    const after = await h.prisma.eventReceipt.findMany({ where: { id: { in: [bad.id, ok.id] } } });
    expect(after.find((r) => r.id === bad.id)).toMatchObject({
      state: 'invalid',
      lastError: expect.stringMatching(/^not a Jira issue event: kind/),
    });
    expect(after.find((r) => r.id === ok.id)?.state).toBe('signalled');
  });

  it('a closing server drains the events its relay holds (graceful shutdown)', async () => {
    await linkIssues(['63801']);
    const relay = createEventRelay({
      prisma: h.prisma,
      temporal: h.temporal,
      taskQueue: h.taskQueue,
      options: { maxDeferMs: 60_000 },
    });
    const intake = createEventIntake({ prisma: h.prisma, relay });
    const spike = Array.from({ length: 40 }, () => relay.begin());
    const e = mappedEvent('63801', 1);
    expect(await intake(t.installationId, 'forge', e)).toBe('accepted');
    expect(relay.stats().queued).toBe(1);
    await relay.close();
    for (const end of spike) end();
    expect(relay.stats()).toMatchObject({ queued: 0, inFlight: 0 });
    expect(
      (
        await h.prisma.eventReceipt.findFirstOrThrow({
          where: { installationId: t.installationId, deliveryKey: e.deliveryKey },
        })
      ).state,
    ).toBe('signalled');
    expect(await awaitDelivered('63801', 1)).toHaveLength(1);
  });

  it('one receipt statement for deliveries of the same moment: the first claims a key, its twins are duplicates', async () => {
    await linkIssues(['64001']);
    const claim = createReceiptBatcher(h.prisma);
    const key = (n: number) => ({
      installationId: t.installationId,
      deliveryKey: `forge:batch:${Date.now()}:${n}`,
      source: 'forge' as const,
      eventType: 'x',
    });
    const [a, b, c] = [key(1), key(2), key(3)];
    // Claimed in the same event-loop turn, so they share one statement.
    const answers = await Promise.all([
      claim({ ...a, jiraIssueId: '64001' }),
      claim({ ...a, jiraIssueId: '64001' }),
      claim({ ...b, jiraIssueId: '69999' }),
      claim({ ...a, jiraIssueId: '64001' }),
      claim({ ...c, jiraIssueId: null }),
    ]);
    expect(answers.map((x) => [x.receiptId !== null, x.linked])).toEqual([
      [true, true],
      [false, true],
      [true, false],
      [false, true],
      [true, false],
    ]);
    expect(answers[2].seq).toBeGreaterThan(answers[0].seq); // arrival order within the statement
    expect(answers.some((x) => x.pending)).toBe(false); // no signal payload: nothing for the relay
    expect(
      await h.prisma.eventReceipt.count({
        where: { deliveryKey: { in: [a.deliveryKey, b.deliveryKey, c.deliveryKey] } },
      }),
    ).toBe(3);
    // A later statement sees the stored receipts.
    expect((await claim({ ...b, jiraIssueId: '69999' })).receiptId).toBeNull();
  });

  it("an event after the issue's entity run ended starts a new run (a plain signal falls back to signalWithStart)", async () => {
    await linkIssues(['65001']);
    const fit = await eventFit(t);
    const workflowId = issueEventsWorkflowIdFor(t.installationId, '65001');
    started.add(workflowId);
    const first = await h.call('POST', '/forge/events', { fit, body: event('65001', '2026-11-28T13:00:00.000+0000') });
    expect(first.body).toEqual({ outcome: 'accepted' });
    await awaitDelivered('65001', 1);
    const firstRun = (await h.temporal.workflow.getHandle(workflowId).describe()).runId;
    // The next one goes as a plain signal to the open run.
    const second = await h.call('POST', '/forge/events', { fit, body: event('65001', '2026-11-28T13:01:00.000+0000') });
    expect(second.body).toEqual({ outcome: 'accepted' });
    await awaitDelivered('65001', 2);
    await h.temporal.workflow.getHandle(workflowId).terminate('run ended');
    const third = await h.call('POST', '/forge/events', { fit, body: event('65001', '2026-11-28T13:02:00.000+0000') });
    expect(third.body).toEqual({ outcome: 'accepted' });
    const d = await eventually(
      async () => {
        const x = await h.temporal.workflow.getHandle(workflowId).describe();
        return x.runId !== firstRun ? x : undefined;
      },
      10_000,
      'a new run',
    );
    expect(d.status.name).toBe('RUNNING');
    expect(await deliveredTo('65001')).toHaveLength(1); // the new run holds the third event
  });
});
