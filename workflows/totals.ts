/** Cycle totals accumulated in the workflow from batch results (pure; deterministic). */

export interface CycleConflict { linkId: string; field: string; winner: 'zoho' | 'jira'; at: string }
export interface CycleError { zohoRecordId?: string; jiraIssueKey?: string; message: string }

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

const MAX_LISTED = 50;

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
export async function runLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
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
