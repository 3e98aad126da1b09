/**
 * Small deterministic concurrency helpers for the cycle workflow: tasks start in the order added,
 * so a replay sees the same interleaving.
 */

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs tasks with at most `limit` in flight (deterministic inside a workflow: order follows history). */
export async function runLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}

export interface TaskPool {
  /** Queues a task; at most `limit` run at once, in the order added. */
  add(task: () => Promise<void>): void;
  /** Resolves once at most `n` tasks are queued or running (backpressure for the producer). */
  atMost(n: number): Promise<void>;
  /** Resolves when every task has finished; rejects with the first task failure. */
  drain(): Promise<void>;
}

/**
 * A pool that keeps `limit` tasks in flight across batches, so a long intake never waits for the
 * slowest task of one page before starting the next (deterministic inside a workflow).
 */
export function taskPool(limit: number): TaskPool {
  const queue: Array<() => Promise<void>> = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let running = 0;
  let failure: { error: unknown } | undefined;
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      if (queue.length + running <= waiters[i].n) waiters.splice(i, 1)[0].resolve();
    }
  };
  const pump = () => {
    while (running < limit && queue.length > 0) {
      const task = queue.shift()!;
      running += 1;
      void task()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .then(() => {
          running -= 1;
          pump();
          wake();
        });
    }
  };
  const atMost = (n: number) =>
    queue.length + running <= n
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          waiters.push({ n, resolve });
        });
  return {
    add(task) {
      queue.push(task);
      pump();
    },
    atMost,
    async drain() {
      await atMost(0);
      if (failure) throw failure.error;
    },
  };
}
