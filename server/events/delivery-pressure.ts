/**
 * How busy the event routes are, for the relay (relay.ts) to yield to them: deliveries in progress
 * (from arrival, before FIT verification) and deliveries started in the current and the previous
 * window of WINDOW_MS. Pure bookkeeping, no timers.
 */
export const WINDOW_MS = 250;

export interface DeliveryPressureOptions {
  /** Deliveries in progress at once that count as pressure (default 16). */
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

export function createDeliveryPressure(opts: DeliveryPressureOptions = {}, onEnd: () => void = () => undefined): DeliveryPressure {
  const inProgressLimit = opts.inProgress ?? 16;
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
