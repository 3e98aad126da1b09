/** The event relay's gate (server/events/delivery-pressure.ts): acknowledging deliveries comes first, within bounds. */
import { createDeliveryPressure, createSignalGate, WINDOW_MS } from '../../server/events/delivery-pressure';

const T = 1_000_000;
function gateUnder(pressured: boolean) {
  const pressure = createDeliveryPressure({ inProgress: 2 });
  if (pressured) {
    pressure.begin();
    pressure.begin();
  } // two deliveries in progress: pressure
  return createSignalGate(pressure, { concurrency: 8, maxDeferMs: 2_000, trickleGapMs: 50, overloadAfterMs: 10_000 });
}

describe('relay signal gate', () => {
  it.each([
    ['no pressure: full concurrency', false, 0, 0, false, { slots: 8 }],
    ['draining: full concurrency even under pressure', true, 0, 0, true, { slots: 8 }],
    [
      'pressure, fresh backlog: hold, look again after a window',
      true,
      100,
      0,
      false,
      { slots: 0, lookAgainMs: WINDOW_MS },
    ],
    ['pressure, held past maxDefer with a signal in flight: one at a time', true, 2_500, 1, false, { slots: 1 }],
    ['pressure, held past maxDefer, none in flight: one trickles', true, 2_500, 0, false, { slots: 1 }],
    ['pressure, held past overloadAfter: the hold gives way', true, 10_000, 3, false, { slots: 8 }],
  ])('%s', (_name, pressured, waitedMs, inFlight, draining, answer) => {
    const gate = gateUnder(pressured);
    expect(gate.allowed(T, T - waitedMs, inFlight, draining)).toEqual(answer);
  });

  it('trickles at most one signal per gap', () => {
    const gate = gateUnder(true);
    expect(gate.allowed(T, T - 3_000, 0, false)).toEqual({ slots: 1 });
    expect(gate.allowed(T + 20, T - 3_000, 0, false)).toEqual({ slots: 0, lookAgainMs: 30 });
    expect(gate.allowed(T + 50, T - 3_000, 0, false)).toEqual({ slots: 1 });
  });
});
