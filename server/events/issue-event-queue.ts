/**
 * The relay's in-memory queue: outbox events waiting in this process, one queue per issue entity
 * workflow, and which issues have a signal in flight (one at a time per issue). An issue is `ready`
 * when it has queued events and no signal in flight; `take` hands out its events (in arrival order,
 * at most `maxEventsPerSignal`) as one batch. Receipt ids stay `known` from queueing until the relay
 * forgets them (marked signalled, or failed), so a sweep never queues an event twice.
 */
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import type { OutboxEvent } from './outbox';

interface Queued extends OutboxEvent {
  queuedAt: number;
}

export interface IssueEventBatch {
  workflowId: string;
  events: OutboxEvent[];
}

export function createIssueEventQueue(maxEventsPerSignal: number) {
  const queues = new Map<string, Queued[]>();
  const ready: string[] = [];
  const inFlight = new Set<string>();
  const known = new Set<string>();
  let queued = 0;

  return {
    /** Queues the events not already held here. */
    add(events: OutboxEvent[], now: number): void {
      for (const e of events) {
        if (known.has(e.receiptId)) continue;
        known.add(e.receiptId);
        const workflowId = issueEventsWorkflowIdFor(e.event.installationId, e.event.jiraIssueId);
        let queue = queues.get(workflowId);
        if (!queue) {
          queue = [];
          queues.set(workflowId, queue);
          if (!inFlight.has(workflowId)) ready.push(workflowId);
        }
        queue.push({ ...e, queuedAt: now });
        queued += 1;
      }
    },

    /** When the event at the head of the next ready issue was queued (the gate's "oldest waiting"). */
    headQueuedAt(): number | undefined {
      return queues.get(ready[0] ?? '')?.[0]?.queuedAt;
    },

    hasReady: (): boolean => ready.length > 0,

    /** The next ready issue's batch; its issue is in flight until `settle`. */
    take(): IssueEventBatch | undefined {
      while (ready.length > 0) {
        const workflowId = ready.shift()!;
        const queue = queues.get(workflowId);
        if (!queue || inFlight.has(workflowId)) continue;
        queue.sort((a, b) => a.seq - b.seq);
        const batch = queue.splice(0, maxEventsPerSignal);
        if (queue.length === 0) queues.delete(workflowId);
        queued -= batch.length;
        inFlight.add(workflowId);
        return { workflowId, events: batch.map(({ queuedAt: _queuedAt, ...e }) => e) };
      }
      return undefined;
    },

    /** The issue's signal ended (sent or failed): the issue is ready again if events queued meanwhile. */
    settle(workflowId: string): void {
      inFlight.delete(workflowId);
      if (queues.has(workflowId)) ready.push(workflowId);
    },

    /** These receipts are no longer held here; a later sweep may queue them again. */
    forget(receiptIds: string[]): void {
      for (const id of receiptIds) known.delete(id);
    },

    queued: (): number => queued,
    inFlight: (): number => inFlight.size,
  };
}
export type IssueEventQueue = ReturnType<typeof createIssueEventQueue>;
