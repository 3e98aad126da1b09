import { ApplicationFailure } from '@temporalio/common';
import { createZohoBudget, type BudgetClock } from '../../integrations/zoho/budget';

function fakeClock(start = 1_000_000): BudgetClock & { t: number; slept: number[] } {
  const c = {
    t: start,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe('Zoho call budget keeps well under Zoho limits', () => {
  it('defaults to 80 calls per 120 s per connection', () => {
    expect(createZohoBudget({ clock: fakeClock() }).stats()).toMatchObject({ limit: 80, windowMs: 120_000 });
  });

  it('allows the limit at once, then throws a retryable failure with the wait when the wait is long', async () => {
    const clock = fakeClock();
    const budget = createZohoBudget({ limit: 5, windowMs: 60_000, clock });
    for (let i = 0; i < 5; i++) await budget.take();
    const err = await budget.take().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    const f = err as ApplicationFailure;
    expect(f.nonRetryable).toBe(false);
    expect(f.type).toBe('ZohoBudgetExhausted');
    expect(f.nextRetryDelay).toBe(60_000);
    expect(clock.slept).toEqual([]);
  });

  it('waits (paces) when the wait is short, and the window slides', async () => {
    const clock = fakeClock();
    const budget = createZohoBudget({ limit: 2, windowMs: 4_000, maxWaitMs: 5_000, clock });
    await budget.take();
    clock.t += 1_000;
    await budget.take();
    await budget.take(); // must wait for the first stamp to leave the window: 3 s
    expect(clock.slept).toEqual([3_000]);
    expect(budget.stats().used).toBe(2);
  });

  it('slows down when Zoho reports few remaining calls, and pauses at zero', async () => {
    const clock = fakeClock();
    const budget = createZohoBudget({ limit: 100, windowMs: 120_000, maxWaitMs: 60_000, lowWater: 20, clock });
    await budget.take();
    budget.observe({ 'ratelimit-remaining': '10', 'ratelimit-window': '120' });
    await budget.take();
    expect(clock.slept).toEqual([12_000]);
    budget.observe({ 'ratelimit-remaining': '0', 'ratelimit-window': '120' });
    expect(budget.waitMs()).toBe(120_000);
    await expect(budget.take()).rejects.toMatchObject({ nextRetryDelay: 120_000 });
  });

  it('a 429 pause stops all calls for the given time', async () => {
    const clock = fakeClock();
    const budget = createZohoBudget({ clock });
    budget.pause(30_000);
    await expect(budget.take()).rejects.toMatchObject({ nextRetryDelay: 30_000 });
    clock.t += 30_000;
    await expect(budget.take()).resolves.toBeUndefined();
  });
});
