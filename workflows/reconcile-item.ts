/**
 * The drift check of one Smart Connected Item (Schedule "reconcile:<id>", daily by default, and
 * "Reconcile now"): every Zoho page of the item's source with its linked Jira issues, compared with
 * the owners and repaired (activities/reconcile.ts), then one SyncRun of kind 'reconcile' with
 * "drift found N / fixed M". A page's failure is recorded and the run goes on to the next page.
 */
import { log, workflowInfo } from '@temporalio/workflow';
import type { ReconcilePageResult } from '../activities/index';
import { scan, store } from './activity-options';
import { addInto, emptyCycleTotals, runStatus } from './core/totals';
import type { ReconcileItemInput } from './signals';

/** Upper bound on pages per run (200 000 records at 200 per page). */
const MAX_PAGES = 1000;

export interface ReconcileItemResult {
  status: 'skipped' | 'succeeded' | 'partial' | 'failed';
  reason?: string;
  syncRunId?: string;
  pages: number;
  linksChecked: number;
  driftFound: number;
  driftFixed: number;
}

export async function reconcileItem(input: ReconcileItemInput): Promise<ReconcileItemResult> {
  const info = workflowInfo();
  const begin = await store.beginReconcile({ sciId: input.sciId, workflowId: info.workflowId, runId: info.runId });
  const out: ReconcileItemResult = { status: 'skipped', pages: 0, linksChecked: 0, driftFound: 0, driftFixed: 0 };
  if (begin.status === 'skip') return { ...out, reason: begin.reason };
  const totals = emptyCycleTotals();
  let stopped = false;
  for (let page: number | null = 1; page !== null && page <= MAX_PAGES;) {
    let r: ReconcilePageResult;
    try {
      r = await scan.reconcilePage({ sciId: input.sciId, page });
    } catch (err) {
      // Retries are spent (budget, provider down): report it; the next run starts over.
      addInto(totals, { errors: [{ message: `Reconciliation stopped at page ${page}: ${String(err)}` }] });
      log.warn('reconcile page failed', { sciId: input.sciId, page, error: String(err) });
      stopped = true;
      break;
    }
    out.pages += 1;
    out.linksChecked += r.linksChecked;
    out.driftFound += r.driftFound;
    out.driftFixed += r.driftFixed;
    addInto(totals, r);
    page = r.nextPage;
  }
  const status = stopped ? (out.pages > 0 ? 'partial' : 'failed') : runStatus(totals);
  await store.finishReconcile({
    syncRunId: begin.syncRunId,
    totals,
    driftFound: out.driftFound,
    driftFixed: out.driftFixed,
    status,
  });
  return { ...out, status, syncRunId: begin.syncRunId };
}
