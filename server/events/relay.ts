/**
 * The event relay (transactional outbox → Temporal). The intake hands it the rows it has just
 * committed as `pending` (already leased to this process, so no claim query on the path of a lone
 * event); the relay groups them per issue entity workflow and sends ONE signal per issue carrying
 * all its queued events in arrival order, then marks the rows `signalled` (one UPDATE shared by the
 * signals that completed meanwhile). One signal in flight per issue and `concurrency` signals in
 * all: under load the per-issue queues grow, so coalescing grows by itself.
 * Acknowledging deliveries comes first: while deliveries arrive fast (`pressureRate` or more
 * started in the last 250-500 ms, or `pressureThreshold` in progress; see `begin`), the relay holds
 * its signals (the entity workflows' work would compete for the same CPU) unless the oldest queued
 * event has waited `maxDeferMs`; then it sends one signal at a time, at most one per
 * `trickleGapMs`, each carrying all of its issue's queued events (under sustained overload the
 * batches grow instead of the entity workflows' work); once the oldest queued event has waited
 * `overloadAfterMs`, sustained pressure no longer holds anything back. A lone event never waits.
 *
 * A failed signal is recorded on its rows (attempts + 1, lastError, lease set to expire after an
 * exponential backoff) and logged; the sweeper (every `sweepMs`, any server process) claims rows
 * whose lease expired (a crashed process's, or a failed signal's) with FOR UPDATE SKIP LOCKED and
 * sends them again. Nothing is dropped. A crash between the signal and the UPDATE re-sends the
 * events: the entity workflow ignores receipt ids it has seen, so each is applied once.
 */
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../store/prisma';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import type { JiraIssueEvent } from '../../workflows/signals';
import { createDeliveryPressure, createSignalGate, type SignalGateOptions } from './delivery-pressure';
import { createEntitySignaller } from '../temporal/entity-signal';
import { parseOutboxRows, type SweptRow } from './outbox-row';

/** A pending outbox row. */
export interface OutboxEvent {
  receiptId: string;
  seq: number;
  event: JiraIssueEvent;
}
interface Queued extends OutboxEvent {
  queuedAt: number;
}

export interface EventRelayOptions {
  /** Signals in flight at once (default 8). */
  concurrency?: number;
  /** Largest number of events in one signal (default 200). */
  maxEventsPerSignal?: number;
  /** Sweeper period (default 5 s). */
  sweepMs?: number;
  /** A claimed row another process may take after this long (default 30 s). */
  leaseMs?: number;
  /** Rows claimed per sweep (default 500). */
  sweepBatch?: number;
  /** Deliveries in progress at once from which the relay holds its signals (default 16). */
  pressureThreshold?: number;
  /** Deliveries started within the last 250-500 ms that count as pressure (default 40, i.e. 80-160/s). */
  pressureRate?: number;
  /** The hold under pressure: see createSignalGate (delivery-pressure.ts). */
  maxDeferMs?: SignalGateOptions['maxDeferMs'];
  trickleGapMs?: SignalGateOptions['trickleGapMs'];
  overloadAfterMs?: SignalGateOptions['overloadAfterMs'];
  /** Backoff of a failed signal: base * 2^attempts, at most max (defaults 1 s, 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

interface RelayLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface EventRelayDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue?: string;
  logger?: RelayLogger;
  options?: EventRelayOptions;
}

export interface EventRelayStats {
  /** Events waiting in this process (not yet in a signal). */
  queued: number;
  /** Signals in flight. */
  inFlight: number;
  signalled: number;
  failedSignals: number;
  lastError?: string;
}

export interface EventRelay {
  /** Rows this process has just committed as pending (leased to it). */
  enqueue(events: OutboxEvent[]): void;
  /** A delivery request started (the relay yields to deliveries, see module doc); call the result when it ends. */
  begin(): () => void;
  /** Claims pending rows whose lease expired and queues them; resolves with how many it claimed. */
  sweep(): Promise<number>;
  /** Starts the periodic sweeper (a first sweep runs at once). */
  start(): void;
  /** Resolves when nothing is queued, in flight or waiting to be marked. */
  idle(): Promise<void>;
  stats(): EventRelayStats;
  /** Stops the sweeper, drains what is queued (bounded by `timeoutMs`), then stops sending. */
  close(timeoutMs?: number): Promise<void>;
}

const errorText = (err: unknown): string =>
  (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);

export function createEventRelay(deps: EventRelayDeps): EventRelay {
  const o = deps.options ?? {};
  const concurrency = o.concurrency ?? 8;
  const maxEvents = o.maxEventsPerSignal ?? 200;
  const sweepMs = o.sweepMs ?? 5_000;
  const leaseMs = o.leaseMs ?? 30_000;
  const sweepBatch = o.sweepBatch ?? 500;
  const retryBaseMs = o.retryBaseMs ?? 1_000;
  const retryMaxMs = o.retryMaxMs ?? 60_000;
  const pressure = createDeliveryPressure({ inProgress: o.pressureThreshold, rate: o.pressureRate }, () => pump());
  const gate = createSignalGate(pressure, {
    concurrency,
    maxDeferMs: o.maxDeferMs,
    trickleGapMs: o.trickleGapMs,
    overloadAfterMs: o.overloadAfterMs,
  });
  let repump: NodeJS.Timeout | undefined;
  const signal = createEntitySignaller({ temporal: deps.temporal, taskQueue: deps.taskQueue });

  const queues = new Map<string, Queued[]>();
  const ready: string[] = [];
  const inFlight = new Set<string>();
  /** Receipt ids queued, in flight or being marked here (a sweep does not queue them twice). */
  const known = new Set<string>();
  let queued = 0;
  let signalled = 0;
  let failedSignals = 0;
  let lastError: string | undefined;
  let stopped = false;
  let draining = false;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;
  let idleWaiters: Array<() => void> = [];

  // Marks: ids of completed signals, written in one UPDATE per flush (one flush at a time).
  let toMark: string[] = [];
  let marking: Promise<void> | undefined;
  const flushMarks = (): void => {
    if (marking || toMark.length === 0) return;
    const ids = toMark;
    toMark = [];
    marking = deps.prisma.$executeRaw`
      UPDATE "EventReceipt" SET "state" = 'signalled', "signalledAt" = now(), "claimedAt" = NULL
      WHERE "id" = ANY(${ids}::text[]) AND "state" = 'pending'`
      .then(
        () => undefined,
        (err: unknown) => {
          // The rows stay pending: the sweeper re-sends them after the lease, the workflow ignores the repeat.
          deps.logger?.error(
            { events: ids.length, err: errorText(err) },
            'event relay: could not mark events signalled',
          );
        },
      )
      .finally(() => {
        for (const id of ids) known.delete(id);
        marking = undefined;
        flushMarks();
        checkIdle();
      });
  };

  const isIdle = () => queued === 0 && inFlight.size === 0 && toMark.length === 0 && !marking;
  const checkIdle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const recordFailure = async (batch: OutboxEvent[], err: unknown): Promise<void> => {
    failedSignals += 1;
    lastError = errorText(err);
    const ids = batch.map((e) => e.receiptId);
    try {
      const rows = await deps.prisma.$queryRaw<Array<{ attempts: number }>>`
        UPDATE "EventReceipt" SET "attempts" = "attempts" + 1, "lastError" = ${lastError},
          "claimedAt" = now() - ${leaseMs}::float8 * interval '1 millisecond'
                      + LEAST(${retryBaseMs}::float8 * power(2, "attempts"), ${retryMaxMs}::float8) * interval '1 millisecond'
        WHERE "id" = ANY(${ids}::text[]) AND "state" = 'pending'
        RETURNING "attempts"`;
      deps.logger?.warn(
        { events: ids.length, attempts: Math.max(0, ...rows.map((r) => r.attempts)), err: lastError },
        'event relay: signal failed; the sweeper retries it',
      );
    } catch (dbErr) {
      deps.logger?.error(
        { events: ids.length, err: lastError, dbErr: errorText(dbErr) },
        'event relay: signal failed and could not be recorded; the sweeper retries it after the lease',
      );
    } finally {
      for (const id of ids) known.delete(id);
    }
  };

  const send = async (workflowId: string, batch: OutboxEvent[]): Promise<void> => {
    try {
      await signal(batch.map((e) => ({ ...e.event, receiptId: e.receiptId })));
      signalled += 1;
      for (const e of batch) toMark.push(e.receiptId);
      flushMarks();
    } catch (err) {
      await recordFailure(batch, err);
    } finally {
      inFlight.delete(workflowId);
      if (queues.has(workflowId)) ready.push(workflowId);
      pump();
      checkIdle();
    }
  };

  /** How many signals may be in flight now (createSignalGate); when none, look again later. */
  const allowed = (): number => {
    const head = queues.get(ready[0] ?? '')?.[0];
    const { slots, lookAgainMs } = gate.allowed(Date.now(), head?.queuedAt, inFlight.size, draining);
    if (lookAgainMs !== undefined)
      repump ??= setTimeout(() => {
        repump = undefined;
        pump();
      }, lookAgainMs);
    return slots;
  };

  const pump = (): void => {
    while (!stopped && ready.length > 0 && inFlight.size < allowed()) {
      const workflowId = ready.shift()!;
      const queue = queues.get(workflowId);
      if (!queue || inFlight.has(workflowId)) continue;
      queue.sort((a, b) => a.seq - b.seq);
      const batch = queue.splice(0, maxEvents);
      if (queue.length === 0) queues.delete(workflowId);
      queued -= batch.length;
      inFlight.add(workflowId);
      void send(workflowId, batch);
    }
  };

  const enqueue = (events: OutboxEvent[]): void => {
    const now = Date.now();
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
    pump();
  };

  const claimExpired = async (): Promise<number> => {
    const rows = await deps.prisma.$queryRaw<SweptRow[]>`
      UPDATE "EventReceipt" r SET "claimedAt" = now()
      FROM (
        SELECT "id" FROM "EventReceipt"
        WHERE "state" = 'pending' AND ("claimedAt" IS NULL OR "claimedAt" < now() - ${leaseMs}::float8 * interval '1 millisecond')
        ORDER BY "seq" LIMIT ${sweepBatch}
        FOR UPDATE SKIP LOCKED
      ) c
      WHERE r."id" = c."id"
      RETURNING r."id", r."seq", r."signal"`;
    if (rows.length > 0) {
      deps.logger?.warn(
        { events: rows.length },
        'event relay: sweeper re-sends pending events (a failed signal or a stopped process)',
      );
    }
    const { events, invalid } = parseOutboxRows(rows);
    for (const bad of invalid) {
      deps.logger?.error(
        { receiptId: bad.id, err: bad.reason },
        'event relay: an outbox row holds no valid event; set aside as invalid',
      );
      await deps.prisma.$executeRaw`
        UPDATE "EventReceipt" SET "state" = 'invalid', "lastError" = ${bad.reason}, "claimedAt" = NULL WHERE "id" = ${bad.id}`;
    }
    enqueue(events);
    return rows.length;
  };

  const sweep = (): Promise<number> => {
    if (stopped) return Promise.resolve(0);
    sweeping ??= claimExpired().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };

  return {
    enqueue,
    begin: () => pressure.begin(),
    sweep,
    start() {
      if (timer || stopped) return;
      const tick = () => {
        sweep().catch((err: unknown) => deps.logger?.error({ err: errorText(err) }, 'event relay: sweep failed'));
      };
      tick();
      timer = setInterval(tick, sweepMs);
      timer.unref();
    },
    idle: () =>
      isIdle()
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idleWaiters.push(resolve);
          }),
    stats: () => ({ queued, inFlight: inFlight.size, signalled, failedSignals, ...(lastError ? { lastError } : {}) }),
    async close(timeoutMs = 5_000) {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sweeping?.catch(() => undefined);
      draining = true; // no more holding: send what is queued now
      pump();
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        this.idle(),
        new Promise<void>((resolve) => {
          deadline = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(deadline);
      // Whatever is still queued keeps its lease: a sweeper (this process restarted, or another) sends it.
      stopped = true;
      if (repump) clearTimeout(repump);
    },
  };
}
