import { createAnswerWindow } from '../../integrations/jira/answer-window';

describe("a pacer's window of the last second's answers", () => {
  it.each([
    { name: 'counts answers less than a second old', at: [0, 100, 900], countAt: 999, want: 3 },
    { name: 'drops an answer exactly a second old', at: [0, 100, 900], countAt: 1000, want: 2 },
    { name: 'empty after a quiet second', at: [0, 500], countAt: 1600, want: 0 },
    { name: 'none yet', at: [], countAt: 0, want: 0 },
  ])('$name', ({ at, countAt, want }) => {
    const w = createAnswerWindow();
    for (const t of at) w.add(t);
    expect(w.count(countAt)).toBe(want);
  });

  it('holds only the last second while answers keep coming (no growth without a 429)', () => {
    const w = createAnswerWindow();
    for (let t = 0; t < 60_000; t += 10) w.add(t);
    expect(w.count(59_990)).toBe(100);
  });
});
