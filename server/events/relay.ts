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
 *
 * The parts have names: the outbox repository (outbox.ts, SQL), the in-memory per-issue queue
 * (issue-event-queue.ts), the gate (delivery-pressure.ts), the coalesced marks (signalled-marks.ts)
 * and the signaller (server/temporal/entity-signal.ts); this module runs them.
 */
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../store/prisma';
import { createEntitySignaller } from '../temporal/entity-signal';
import { createDeliveryPressure, createSignalGate, type SignalGateOptions } from './delivery-pressure';
import { createIssueEventQueue } from './issue-event-queue';
import { createOutbox, type OutboxEvent, type OutboxOptions } from './outbox';
import { createSignalledMarks } from './signalled-marks';

export type { OutboxEvent } from './outbox';

export interface EventRelayOptions extends OutboxOptions {
  /** Signals in flight at once (default 8). */
  concurrency?: number;
  /** Largest number of events in one signal (default 200). */
  maxEventsPerSignal?: number;
  /** Sweeper period (default 5 s). */
  sweepMs?: number;
  /** Deliveries in progress at once from which the relay holds its signals (default 48). */
  pressureThreshold?: number;
  /** Deliveries started within the last 250-500 ms that count as pressure (default 40, i.e. 80-160/s). */
  pressureRate?: number;
  /** The hold under pressure: see createSignalGate (delivery-pressure.ts). */
  maxDeferMs?: SignalGateOptions['maxDeferMs'];
  trickleGapMs?: SignalGateOptions['trickleGapMs'];
  overloadAfterMs?: SignalGateOptions['overloadAfterMs'];
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
  const log = deps.logger;
  const outbox = createOutbox(deps.prisma, o);
  const queue = createIssueEventQueue(o.maxEventsPerSignal ?? 200);
  const signal = createEntitySignaller({ temporal: deps.temporal, taskQueue: deps.taskQueue });
  const pressure = createDeliveryPressure({ inProgress: o.pressureThreshold, rate: o.pressureRate }, () => pump());
  const gate = createSignalGate(pressure, {
    concurrency: o.concurrency ?? 8,
    maxDeferMs: o.maxDeferMs,
    trickleGapMs: o.trickleGapMs,
    overloadAfterMs: o.overloadAfterMs,
  });
  const marks = createSignalledMarks({
    write: (ids) => outbox.markSignalled(ids),
    failed: (ids, err) =>
      log?.error({ events: ids.length, err: errorText(err) }, 'event relay: could not mark events signalled'),
    written: (ids) => {
      queue.forget(ids);
      checkIdle();
    },
  });
  const stats = { signalled: 0, failedSignals: 0, lastError: undefined as string | undefined };
  /** Running: sending; draining: closing, so nothing is held back; stopped: closed. */
  let phase: 'running' | 'draining' | 'stopped' = 'running';
  let repump: NodeJS.Timeout | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;
  let idleWaiters: Array<() => void> = [];

  const isIdle = () => queue.queued() === 0 && queue.inFlight() === 0 && marks.settled();
  function checkIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  async function recordFailure(batch: OutboxEvent[], err: unknown): Promise<void> {
    stats.failedSignals += 1;
    const lastError = errorText(err);
    stats.lastError = lastError;
    const ids = batch.map((e) => e.receiptId);
    try {
      const attempts = await outbox.recordFailure(ids, lastError);
      log?.warn({ events: ids.length, attempts, err: lastError }, 'event relay: signal failed; the sweeper retries it');
    } catch (dbErr) {
      log?.error(
        { events: ids.length, err: lastError, dbErr: errorText(dbErr) },
        'event relay: signal failed and could not be recorded; the sweeper retries it after the lease',
      );
    } finally {
      queue.forget(ids);
    }
  }

  async function send(workflowId: string, batch: OutboxEvent[]): Promise<void> {
    try {
      await signal(batch.map((e) => ({ ...e.event, receiptId: e.receiptId })));
      stats.signalled += 1;
      marks.add(batch.map((e) => e.receiptId));
    } catch (err) {
      await recordFailure(batch, err);
    } finally {
      queue.settle(workflowId);
      pump();
      checkIdle();
    }
  }

  /** How many signals may be in flight now (createSignalGate); when none, look again later. */
  function allowed(): number {
    const { slots, lookAgainMs } = gate.allowed(
      Date.now(),
      queue.headQueuedAt(),
      queue.inFlight(),
      phase === 'draining',
    );
    if (lookAgainMs !== undefined)
      repump ??= setTimeout(() => {
        repump = undefined;
        pump();
      }, lookAgainMs);
    return slots;
  }

  function pump(): void {
    while (phase !== 'stopped' && queue.hasReady() && queue.inFlight() < allowed()) {
      const batch = queue.take();
      if (!batch) return;
      void send(batch.workflowId, batch.events);
    }
  }

  function enqueue(events: OutboxEvent[]): void {
    queue.add(events, Date.now());
    pump();
  }

  async function claimExpired(): Promise<number> {
    const { claimed, events, invalid } = await outbox.claimExpired();
    if (claimed > 0)
      log?.warn(
        { events: claimed },
        'event relay: sweeper re-sends pending events (a failed signal or a stopped process)',
      );
    for (const bad of invalid) {
      log?.error(
        { receiptId: bad.id, err: bad.reason },
        'event relay: an outbox row holds no valid event; set aside as invalid',
      );
      await outbox.setAsideInvalid(bad);
    }
    enqueue(events);
    return claimed;
  }

  function sweep(): Promise<number> {
    if (phase === 'stopped') return Promise.resolve(0);
    sweeping ??= claimExpired().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  }

  const idle = (): Promise<void> =>
    isIdle()
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          idleWaiters.push(resolve);
        });

  return {
    enqueue,
    begin: () => pressure.begin(),
    sweep,
    start() {
      if (sweeper || phase === 'stopped') return;
      const tick = () => {
        sweep().catch((err: unknown) => log?.error({ err: errorText(err) }, 'event relay: sweep failed'));
      };
      tick();
      sweeper = setInterval(tick, o.sweepMs ?? 5_000);
      sweeper.unref();
    },
    idle,
    stats: () => ({
      queued: queue.queued(),
      inFlight: queue.inFlight(),
      signalled: stats.signalled,
      failedSignals: stats.failedSignals,
      ...(stats.lastError ? { lastError: stats.lastError } : {}),
    }),
    async close(timeoutMs = 5_000) {
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
      await sweeping?.catch(() => undefined);
      phase = 'draining'; // no more holding: send what is queued now
      pump();
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        idle(),
        new Promise<void>((resolve) => {
          deadline = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(deadline);
      // Whatever is still queued keeps its lease: a sweeper (this process restarted, or another) sends it.
      phase = 'stopped';
      if (repump) clearTimeout(repump);
    },
  };
}
