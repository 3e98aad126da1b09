/** The Zoho lane's cadence: one minute only with server-side filtering, and its budget cost shown before saving. */
import { checkZohoCadence, idleCallsPerCycle, zohoBudgetCost } from '../../workflows/core/zoho-cadence';

describe('checkZohoCadence', () => {
  it.each([
    [5, false, true],
    [5, true, true],
    [1, true, true],
    [1, false, false],
    [4, false, false],
    [0, true, false],
    [61, true, false],
    [2.5, true, false],
    [60, false, true],
  ])('%d min with server ordering %s → allowed %s', (minutes, serverOrdering, ok) => {
    expect(checkZohoCadence(minutes, serverOrdering).ok).toBe(ok);
  });

  it('says why a fast cadence needs the modified-time filter', () => {
    expect(checkZohoCadence(1, false)).toEqual({
      ok: false,
      reason: expect.stringContaining('ZOHO_SERVER_ORDERING=true'),
    });
  });
});

describe('zohoBudgetCost', () => {
  const src = (n: number) => `portal|project-${n}|tasks`;
  it.each([
    // name, items, serverOrdering, budget, item calls/window, connection calls/window, background limit, fits
    ['one item, 5 min, filtered', [{ id: 'a', cadenceMinutes: 5, source: src(1) }], true, 80, 0.4, 0.4, 64, true],
    ['one item, 1 min, filtered', [{ id: 'a', cadenceMinutes: 1, source: src(1) }], true, 80, 2, 2, 64, true],
    [
      'two items on one source and cadence share one scan',
      [
        { id: 'a', cadenceMinutes: 1, source: src(1) },
        { id: 'b', cadenceMinutes: 1, source: src(1) },
      ],
      true,
      80,
      2,
      2,
      64,
      true,
    ],
    [
      'page scan of 1 000 records every 5 min',
      [{ id: 'a', cadenceMinutes: 5, source: src(1), records: 1000 }],
      false,
      80,
      2,
      2,
      64,
      true,
    ],
    [
      '40 one-minute items on 40 sources exceed the background lane',
      Array.from({ length: 40 }, (_, i) => ({ id: i === 0 ? 'a' : `x${i}`, cadenceMinutes: 1, source: src(i) })),
      true,
      80,
      2,
      80,
      64,
      false,
    ],
  ])('%s', (_name, items, serverOrdering, budget, mine, all, limit, fits) => {
    const cost = zohoBudgetCost({ items, itemId: 'a', serverOrdering, budgetPerWindow: budget });
    expect(cost).toMatchObject({
      itemCallsPerWindow: mine,
      connectionCallsPerWindow: all,
      backgroundLimit: limit,
      budgetPerWindow: budget,
      fits,
    });
  });

  it.each([
    [true, undefined, 1],
    [false, undefined, 1],
    [false, 200, 1],
    [false, 201, 2],
    [true, 5000, 1],
  ])('an idle cycle with server ordering %s and %s records costs %d call(s)', (ordered, records, calls) => {
    expect(idleCallsPerCycle(ordered, records)).toBe(calls);
  });
});
