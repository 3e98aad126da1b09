/** Adaptive pacing against Jira's unannounced burst ceiling (integrations/jira/pacer.ts), on a fake clock. */
import { createSitePacer, RELAX_MS } from '../../integrations/jira/pacer';

function fakeClock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    waits,
    wait: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

describe('Jira site pacer', () => {
  it('sends unpaced until Jira first answers 429', async () => {
    const c = fakeClock();
    const p = createSitePacer(c.now, c.wait);
    for (let i = 0; i < 500; i += 1) {
      await p.acquire();
      p.answered(201, false);
    }
    expect(p.pace).toBe(Infinity);
    expect(c.waits).toEqual([]);
  });

  it('after a 429 paces at 90 % of what Jira answered in the last second, spacing requests evenly', async () => {
    const c = fakeClock();
    const p = createSitePacer(c.now, c.wait);
    for (let i = 0; i < 100; i += 1) {
      // 100 answers within one second
      p.answered(201, false);
      c.advance(9);
    }
    p.answered(429, false);
    expect(p.pace).toBeCloseTo(90, 5);
    for (let i = 0; i < 10; i += 1) await p.acquire();
    // The first request goes at once, each next one 1000/90 ms later.
    expect(c.waits.length).toBe(9);
    for (const w of c.waits) expect(w).toBeCloseTo(1000 / 90, 5);
  });

  it('rises by 10 % per half second of successful answers, and stops pacing after a quiet spell', () => {
    const c = fakeClock();
    const p = createSitePacer(c.now, c.wait);
    for (let i = 0; i < 50; i += 1) {
      p.answered(201, false);
      c.advance(10);
    }
    p.answered(429, false);
    const after429 = p.pace;
    c.advance(500);
    p.answered(201, false);
    expect(p.pace).toBeCloseTo(after429 * 1.1, 5);
    c.advance(RELAX_MS);
    p.answered(201, false);
    expect(p.pace).toBe(Infinity);
  });

  it('holds the pace while Jira says the quota is near its limit', () => {
    const c = fakeClock();
    const p = createSitePacer(c.now, c.wait);
    for (let i = 0; i < 40; i += 1) {
      p.answered(200, false);
      c.advance(10);
    }
    p.answered(429, false);
    const held = p.pace;
    c.advance(2_000);
    p.answered(200, true);
    expect(p.pace).toBe(held);
  });

  it('slows down once for the 429s of one push-back (the requests that were in flight)', () => {
    const c = fakeClock();
    const p = createSitePacer(c.now, c.wait);
    for (let i = 0; i < 100; i += 1) {
      p.answered(201, false);
      c.advance(9);
    }
    for (let i = 0; i < 5; i += 1) {
      p.answered(429, false);
      c.advance(5);
    }
    expect(p.pace).toBeCloseTo(90, 5);
  });

  it('never drops below a floor, even when nothing succeeded before the 429', () => {
    const c = fakeClock();
    const p = createSitePacer(c.now, c.wait);
    for (let i = 0; i < 3; i += 1) {
      p.answered(429, false);
      c.advance(1_000);
    }
    expect(p.pace).toBeGreaterThanOrEqual(10);
  });
});
