/**
 * Run totals of a sync cycle or event batch (the one definition: workflows accumulate them,
 * activities report them, the store saves them). Pure: no I/O, no clock.
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
  /** Records left needing attention (e.g. no workflow path to the target status): not a clean success. */
  needsAttention: number;
  zohoCalls: number;
  jiraCalls: number;
  conflicts: CycleConflict[];
  errors: CycleError[];
}

/** Errors and conflicts kept per run (the grid shows a summary; Temporal keeps the details). */
export const MAX_LISTED = 50;

export function emptyCycleTotals(): CycleTotals {
  return {
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    needsAttention: 0,
    zohoCalls: 0,
    jiraCalls: 0,
    conflicts: [],
    errors: [],
  };
}

export function addInto(t: CycleTotals, b: Partial<CycleTotals>): void {
  t.created += b.created ?? 0;
  t.updated += b.updated ?? 0;
  t.skipped += b.skipped ?? 0;
  t.failed += b.failed ?? 0;
  t.needsAttention += b.needsAttention ?? 0;
  t.zohoCalls += b.zohoCalls ?? 0;
  t.jiraCalls += b.jiraCalls ?? 0;
  for (const c of b.conflicts ?? []) if (t.conflicts.length < MAX_LISTED) t.conflicts.push(c);
  for (const e of b.errors ?? []) if (t.errors.length < MAX_LISTED) t.errors.push(e);
}

/** The later of two ISO timestamps (a cycle's newest Zoho modification time). */
export function laterIso(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return a >= b ? a : b;
}

/**
 * How a finished cycle or event batch reads: failed when records failed and nothing else moved,
 * partial when some failed or some need attention, succeeded only when every record settled.
 */
export function runStatus(t: Pick<CycleTotals, 'created' | 'updated' | 'failed'> & { needsAttention?: number }) {
  if (t.failed > 0) return t.created + t.updated > 0 ? 'partial' : 'failed';
  return (t.needsAttention ?? 0) > 0 ? 'partial' : 'succeeded';
}
