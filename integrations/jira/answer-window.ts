/**
 * This process's Jira answers of the last second (sliding window), the count a pacer sets its pace
 * from after a 429. Old answers drop out as new ones come, so it holds at most one second of them.
 */
export const ANSWER_WINDOW_MS = 1_000;

export interface AnswerWindow {
  /** An answer arrived at `t` (ms). */
  add(t: number): void;
  /** Answers within the window ending at `t`. */
  count(t: number): number;
}

export function createAnswerWindow(): AnswerWindow {
  const times: number[] = [];
  const count = (t: number) => {
    while (times.length > 0 && t - times[0] >= ANSWER_WINDOW_MS) times.shift();
    return times.length;
  };
  return {
    add(t) {
      times.push(t);
      count(t);
    },
    count,
  };
}
