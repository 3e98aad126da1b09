/**
 * Run totals (the one definition: workflows accumulate them, activities report and store them),
 * plus small deterministic concurrency helpers for the cycle workflow. Pure: no I/O, no clock.
 */

export interface CycleConflict {
  linkId: string;
  field: string;
  winner: 'zoho' | 'jira';
  at: string;
}
export interface CycleError {
  zohoRecordId?: string;
  jiraIssueKey?: string;
  message: string;
}

export interface CycleTotals {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  zohoCalls: number;
  jiraCalls: number;
  conflicts: CycleConflict[];
  errors: CycleError[];
}

/** Errors and conflicts kept per run (the grid shows a summary; Temporal keeps the details). */
export const MAX_LISTED = 50;

export function emptyCycleTotals(): CycleTotals {
  return { created: 0, updated: 0, skipped: 0, failed: 0, zohoCalls: 0, jiraCalls: 0, conflicts: [], errors: [] };
}

export function addInto(t: CycleTotals, b: Partial<CycleTotals>): void {
  t.created += b.created ?? 0;
  t.updated += b.updated ?? 0;
  t.skipped += b.skipped ?? 0;
  t.failed += b.failed ?? 0;
  t.zohoCalls += b.zohoCalls ?? 0;
  t.jiraCalls += b.jiraCalls ?? 0;
  for (const c of b.conflicts ?? []) if (t.conflicts.length < MAX_LISTED) t.conflicts.push(c);
  for (const e of b.errors ?? []) if (t.errors.length < MAX_LISTED) t.errors.push(e);
}

export function laterIso(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return a >= b ? a : b;
}

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
