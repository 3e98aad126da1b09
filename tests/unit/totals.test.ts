/** Run totals: batches add up, listed conflicts/errors stop at MAX_LISTED, the newest timestamp wins. */
import { MAX_LISTED, addInto, emptyCycleTotals, laterIso, runStatus } from '../../workflows/core/totals';

describe('run totals', () => {
  it('adds the counts of every batch into the cycle totals', () => {
    const t = emptyCycleTotals();
    addInto(t, { created: 1, updated: 2, zohoCalls: 3 });
    addInto(t, { updated: 1, skipped: 4, failed: 1, jiraCalls: 2, errors: [{ message: 'boom' }] });
    addInto(t, { needsAttention: 2 });
    expect(t).toEqual({
      created: 1,
      updated: 3,
      skipped: 4,
      failed: 1,
      needsAttention: 2,
      zohoCalls: 3,
      jiraCalls: 2,
      conflicts: [],
      errors: [{ message: 'boom' }],
    });
  });

  it.each<[string, Parameters<typeof runStatus>[0], string]>([
    ['every record settled', { created: 1, updated: 2, failed: 0, needsAttention: 0 }, 'succeeded'],
    ['nothing to do', { created: 0, updated: 0, failed: 0 }, 'succeeded'],
    [
      'a record needs attention: never a clean success',
      { created: 0, updated: 0, failed: 0, needsAttention: 1 },
      'partial',
    ],
    ['some failed, others moved', { created: 1, updated: 0, failed: 1 }, 'partial'],
    ['all failed', { created: 0, updated: 0, failed: 2, needsAttention: 1 }, 'failed'],
  ])('run status: %s', (_name, totals, expected) => {
    expect(runStatus(totals)).toBe(expected);
  });

  it(`keeps at most ${MAX_LISTED} conflicts and errors per run while counts keep growing`, () => {
    const t = emptyCycleTotals();
    const many = Array.from({ length: MAX_LISTED + 5 }, (_, i) => ({ message: `e${i}` }));
    addInto(t, { failed: many.length, errors: many });
    addInto(t, {
      conflicts: many.map((_, i) => ({ linkId: `l${i}`, field: 'name', winner: 'zoho' as const, at: '' })),
    });
    expect(t.failed).toBe(MAX_LISTED + 5);
    expect(t.errors).toHaveLength(MAX_LISTED);
    expect(t.errors[0].message).toBe('e0');
    expect(t.conflicts).toHaveLength(MAX_LISTED);
  });

  it.each<[string | null, string | null | undefined, string | null]>([
    [null, null, null],
    [null, undefined, null],
    ['2024-01-02T00:00:00.000Z', null, '2024-01-02T00:00:00.000Z'],
    [null, '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z'],
    ['2024-01-02T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z'],
    ['2024-01-01T00:00:00.000Z', '2024-01-03T00:00:00.000Z', '2024-01-03T00:00:00.000Z'],
  ])('laterIso(%s, %s) is %s', (a, b, later) => expect(laterIso(a, b)).toBe(later));
});
