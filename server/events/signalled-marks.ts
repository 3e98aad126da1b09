/**
 * Marks outbox rows `signalled` for the relay: the receipts of signals that completed meanwhile
 * share ONE UPDATE, and one UPDATE runs at a time. A failed UPDATE leaves its rows pending: the
 * sweeper re-sends them after the lease and the entity workflow ignores the repeat.
 */
export interface SignalledMarksDeps {
  write(receiptIds: string[]): Promise<void>;
  /** A write ended (either way): these receipts are no longer held by the relay. */
  written(receiptIds: string[]): void;
  failed(receiptIds: string[], err: unknown): void;
}

export function createSignalledMarks(deps: SignalledMarksDeps) {
  let waiting: string[] = [];
  let writing: Promise<void> | undefined;

  const flush = (): void => {
    if (writing || waiting.length === 0) return;
    const ids = waiting;
    waiting = [];
    writing = deps
      .write(ids)
      .catch((err: unknown) => deps.failed(ids, err))
      .finally(() => {
        writing = undefined;
        flush();
        deps.written(ids);
      });
  };

  return {
    add(receiptIds: string[]): void {
      waiting.push(...receiptIds);
      flush();
    },
    /** Nothing waiting or being written. */
    settled: (): boolean => waiting.length === 0 && !writing,
  };
}
