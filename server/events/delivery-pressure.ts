/**
 * How busy the event routes are, for the relay (relay.ts) to yield to them: deliveries in progress
 * (from arrival, before FIT verification) and deliveries started in the current and the previous
 * window of WINDOW_MS; and the relay's gate built on it (how many signals may go out now). Pure
 * bookkeeping, no timers.
 */
export const WINDOW_MS = 250;

export interface DeliveryPressureOptions {
  /**
   * Deliveries in progress at once that count as pressure (default 48). Many in progress at a low
   * arrival rate means a slow box, not a burst: at a steady 20 events/s, answers of 1-2 s on a busy
   * machine put 20-40 in progress, and holding signals then only starved the entity workflows
   * (events waited many seconds with no gain for the answers). The rate catches real bursts.
   */
  inProgress?: number;
  /** Deliveries started within the last 250-500 ms that count as pressure (default 40, i.e. 80-160/s). */
  rate?: number;
}

export interface DeliveryPressure {
  /** A delivery started; call the result when it ends (once; later calls do nothing). */
  begin(): () => void;
  /** Are deliveries arriving fast right now? */
  high(now: number): boolean;
}

export function createDeliveryPressure(
  opts: DeliveryPressureOptions = {},
  onEnd: () => void = () => undefined,
): DeliveryPressure {
  const inProgressLimit = opts.inProgress ?? 48;
  const rateLimit = opts.rate ?? 40;
  let inProgress = 0;
  let windowStart = 0;
  let current = 0;
  let previous = 0;
  const roll = (now: number) => {
    if (now - windowStart < WINDOW_MS) return;
    previous = now - windowStart < 2 * WINDOW_MS ? current : 0;
    current = 0;
    windowStart = now;
  };
  return {
    begin() {
      inProgress += 1;
      roll(Date.now());
      current += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inProgress -= 1;
        onEnd();
      };
    },
    high(now) {
      roll(now);
      return inProgress >= inProgressLimit || current + previous >= rateLimit;
    },
  };
}

export interface SignalGateOptions {
  /** Signals in flight at once without pressure. */
  concurrency: number;
  /**
   * Longest hold under pressure before signals go out one at a time (default 3 s: a 2 000-event
   * burst at ~1 000/s is held whole, so each issue's events go out in ONE signal and ONE batch).
   */
  maxDeferMs?: number;
  /** Under pressure, after maxDeferMs: least time between two signals (default 50 ms). */
  trickleGapMs?: number;
  /** Once the oldest queued event has waited this long, pressure no longer holds signals (default 10 s). */
  overloadAfterMs?: number;
}

/** Signals that may go out now, and when to look again if none may. */
export interface GateAnswer {
  slots: number;
  lookAgainMs?: number;
}

/**
 * Acknowledging deliveries comes first: under pressure signals are held, after `maxDeferMs` they
 * trickle (one at a time, one per `trickleGapMs`), and after `overloadAfterMs` sustained pressure no
 * longer holds anything back (a backlog must not grow without bound).
 */
export function createSignalGate(pressure: DeliveryPressure, o: SignalGateOptions) {
  const maxDeferMs = o.maxDeferMs ?? 3_000;
  const trickleGapMs = o.trickleGapMs ?? 50;
  const overloadAfterMs = o.overloadAfterMs ?? 10_000;
  let lastTrickleAt = 0;
  return {
    allowed(now: number, oldestQueuedAt: number | undefined, inFlight: number, draining: boolean): GateAnswer {
      if (draining || !pressure.high(now)) return { slots: o.concurrency };
      const waited = oldestQueuedAt === undefined ? 0 : now - oldestQueuedAt;
      if (oldestQueuedAt !== undefined && waited >= overloadAfterMs) return { slots: o.concurrency };
      if (oldestQueuedAt === undefined || waited < maxDeferMs) return { slots: 0, lookAgainMs: WINDOW_MS };
      if (inFlight > 0) return { slots: 1 };
      if (now - lastTrickleAt >= trickleGapMs) {
        lastTrickleAt = now;
        return { slots: 1 };
      }
      return { slots: 0, lookAgainMs: trickleGapMs - (now - lastTrickleAt) };
    },
  };
}
