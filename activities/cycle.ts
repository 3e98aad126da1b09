/** Start and end of one sync cycle: SCI + cursor in, SyncRun summary + advanced cursor out. */
import { configFingerprint } from '../workflows/core/fingerprint';
import { SYNC_PAUSE_MESSAGES, syncPause } from '../workflows/core/sync-activity';
import { advanceCursor, loadCursor } from '../store/cursors';
import { loadSmartConnectedItem } from '../store/items';
import type { CycleTotals } from '../workflows/core/totals';
import { finishSyncRun, startSyncRun, type SyncRunKind } from '../store/sync-runs';
import type { SmartConnectedItem } from '../workflows/core/model';
import { sourceOf, type Ctx } from './context';
import { filterRefusal, zohoSourceKey } from './zoho-filter-fallback';

export interface BeginCycleInput {
  sciId: string;
  workflowId: string;
  runId: string;
  kind?: SyncRunKind;
}

export type BeginCycleResult =
  | { status: 'skip'; reason: string }
  | {
      status: 'run';
      installationId: string;
      sciName: string;
      syncRunId: string;
      fingerprint: string;
      /** ISO; cursor minus the deliberate overlap. null = full pass (first run or config changed). */
      modifiedAfter: string | null;
      cursorReset: boolean;
      serverOrdered: boolean;
      autoCreate: boolean;
      mirrorComments: boolean;
      mirrorAttachments: boolean;
      /** The SCI as read now, for auto-create children (no database read per created record). */
      sci?: SmartConnectedItem;
    };

export interface CycleWindow {
  fingerprint: string;
  /** ISO; cursor minus the deliberate overlap. null = full pass (first run or config changed). */
  modifiedAfter: string | null;
  cursorReset: boolean;
  serverOrdered: boolean;
}

/** Which records the next cycle reads, from the cursor (read only: shared by the cycle and its preview). */
export async function cycleWindow(ctx: Ctx, sci: SmartConnectedItem): Promise<CycleWindow> {
  const fingerprint = configFingerprint(sci);
  const cursor = await loadCursor(ctx.prisma, sci.id, fingerprint);
  return {
    fingerprint,
    modifiedAfter: cursor.modifiedAfter
      ? new Date(cursor.modifiedAfter.getTime() - ctx.config.cursorOverlapMs).toISOString()
      : null,
    cursorReset: cursor.reset,
    // Filtered, newest first — unless this source refused the filter lately (then the page scan).
    serverOrdered:
      ctx.config.zohoServerOrdering &&
      !filterRefusal(zohoSourceKey(sci.installationId, sourceOf(sci)), ctx.clock.now()),
  };
}

export async function beginCycle(ctx: Ctx, input: BeginCycleInput): Promise<BeginCycleResult> {
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci) return { status: 'skip', reason: 'The Smart Connected Item no longer exists.' };
  const pause = syncPause(sci);
  if (pause) return { status: 'skip', reason: SYNC_PAUSE_MESSAGES[pause] };
  const window = await cycleWindow(ctx, sci);
  const syncRunId = await startSyncRun(ctx.prisma, {
    installationId: sci.installationId,
    sciId: sci.id,
    kind: input.kind ?? 'scheduled',
    workflowId: input.workflowId,
    runId: input.runId,
  });
  return {
    status: 'run',
    installationId: sci.installationId,
    sciName: sci.name,
    syncRunId,
    ...window,
    autoCreate: sci.autoCreate,
    mirrorComments: sci.syncComments,
    mirrorAttachments: sci.syncAttachments,
    ...(sci.autoCreate ? { sci } : {}),
  };
}

export interface FinishCycleInput {
  sciId: string;
  syncRunId: string;
  fingerprint: string;
  totals: CycleTotals;
  /** ISO: the newest Zoho modified time fully processed; null = keep the cursor. */
  cursor: string | null;
  fullScan: boolean;
  status?: 'succeeded' | 'partial' | 'failed';
}

export async function finishCycle(ctx: Ctx, input: FinishCycleInput): Promise<void> {
  await advanceCursor(ctx.prisma, input.sciId, input.fingerprint, {
    modifiedAfter: input.cursor ? new Date(input.cursor) : null,
    fullScan: input.fullScan,
  });
  await finishSyncRun(ctx.prisma, input.syncRunId, input.totals, input.status);
}
