/**
 * The relay's in-memory queue: one batch per issue in arrival order, one signal in flight per issue,
 * never the same receipt twice while it is held, at most maxEventsPerSignal events per batch.
 */
import { createIssueEventQueue } from '../../server/events/issue-event-queue';
import type { OutboxEvent } from '../../server/events/outbox';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';

const INSTALLATION = 'ari:cloud:ecosystem::installation/q';
const event = (receiptId: string, seq: number, jiraIssueId: string): OutboxEvent => ({
  receiptId,
  seq,
  event: {
    kind: 'issue_updated',
    installationId: INSTALLATION,
    jiraIssueId,
    jiraIssueKey: `Q-${jiraIssueId}`,
    changedFieldIds: ['summary'],
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
});
const ids = (batch: { events: OutboxEvent[] } | undefined) => batch?.events.map((e) => e.receiptId);

describe('issue event queue', () => {
  it("hands out each issue's events as one batch, in arrival (seq) order, issues in the order they became ready", () => {
    const q = createIssueEventQueue(200);
    q.add([event('r3', 3, '1'), event('r1', 1, '1'), event('r2', 2, '2')], 1_000);
    expect(q.queued()).toBe(3);
    expect(q.headQueuedAt()).toBe(1_000);
    const first = q.take();
    expect(first?.workflowId).toBe(issueEventsWorkflowIdFor(INSTALLATION, '1'));
    expect(ids(first)).toEqual(['r1', 'r3']);
    expect(ids(q.take())).toEqual(['r2']);
    expect(q.take()).toBeUndefined();
    expect([q.queued(), q.inFlight()]).toEqual([0, 2]);
  });

  it('keeps an issue with a signal in flight back until that signal settles', () => {
    const q = createIssueEventQueue(200);
    q.add([event('a', 1, '7')], 0);
    const batch = q.take()!;
    q.add([event('b', 2, '7')], 5);
    expect(q.take()).toBeUndefined();
    q.settle(batch.workflowId);
    expect(ids(q.take())).toEqual(['b']);
  });

  it('never queues a receipt it still holds; once forgotten, a sweep may queue it again', () => {
    const q = createIssueEventQueue(200);
    q.add([event('a', 1, '7')], 0);
    q.add([event('a', 1, '7')], 1);
    expect(q.queued()).toBe(1);
    const batch = q.take()!;
    q.settle(batch.workflowId);
    q.add([event('a', 1, '7')], 2);
    expect(q.queued()).toBe(0);
    q.forget(['a']);
    q.add([event('a', 1, '7')], 3);
    expect(q.queued()).toBe(1);
  });

  it('splits an issue backlog into batches of at most maxEventsPerSignal', () => {
    const q = createIssueEventQueue(2);
    q.add([event('a', 1, '7'), event('b', 2, '7'), event('c', 3, '7')], 0);
    const first = q.take()!;
    expect(ids(first)).toEqual(['a', 'b']);
    q.settle(first.workflowId);
    expect(ids(q.take())).toEqual(['c']);
  });
});
