/**
 * `createActivities(deps)`: every activity the workflows call, bound to injected dependencies
 * (Prisma, per-installation Zoho and Jira clients, clock, config). Tests and benchmarks pass
 * simulator-backed clients; workflows type this with `ReturnType<typeof createActivities>`.
 */
import { type ActivityDeps, makeCtx } from './context';
import { beginCycle, finishCycle, type BeginCycleInput, type FinishCycleInput } from './cycle';
import { pullPages, type PullPagesInput } from './pull';
import { applyZohoChanges, type ApplyZohoChangesInput } from './apply-zoho-to-jira';
import { mirrorFromZoho, type MirrorInput } from './mirror-zoho-to-jira';
import { autoCreateRecord, type AutoCreateRecordInput } from './auto-create';
import { writeDeferredNotes, writeLinkNote } from './link-note';
import { autoCreateBatch, type AutoCreateBatchInput } from './auto-create-batch';
import { applyJiraEvents, type ApplyJiraEventsInput } from './apply-jira-events';
import { refreshLink, type RefreshLinkActivityInput } from './refresh';
import { recordEventRun, type RecordEventRunInput } from './event-runs';
import { settleStatuses } from './status-settle';
import {
  beginReconcile,
  finishReconcile,
  reconcilePage,
  type BeginReconcileInput,
  type FinishReconcileInput,
  type ReconcilePageInput,
} from './reconcile';
import { flushingHistory } from './history-recorder';
import { previewCycle, type PreviewCycleInput } from './preview';
import { backfillStep, stopBackfill } from './backfill';

export type { ActivityDeps } from './context';
// Result types the workflows read (workflows import activity types from this module only).
export type { PullPagesResult } from './pull';
export type { AutoCreateRecordResult } from './auto-create';
export type { ReconcilePageResult } from './reconcile';
export type { PreviewCycleInput } from './preview';
export type { BackfillStepResult } from './backfill';
export { DEFAULT_SYNC_CONFIG, type SyncEngineConfig } from './context';

export function createActivities(deps: ActivityDeps) {
  const ctx = makeCtx(deps);
  return flushingHistory(ctx.history, {
    beginCycle: (input: BeginCycleInput) => beginCycle(ctx, input),
    pullPages: (input: PullPagesInput) => pullPages(ctx, input),
    applyZohoChanges: (input: ApplyZohoChangesInput) => applyZohoChanges(ctx, input),
    mirrorFromZoho: (input: MirrorInput) => mirrorFromZoho(ctx, input),
    autoCreateRecord: (input: AutoCreateRecordInput) => autoCreateRecord(ctx, input),
    autoCreateBatch: (input: AutoCreateBatchInput) => autoCreateBatch(ctx, input),
    writeLinkNote: (input: { linkId: string }) => writeLinkNote(ctx, input),
    writeDeferredNotes: (input: { sciId: string }) => writeDeferredNotes(ctx, input),
    finishCycle: (input: FinishCycleInput) => finishCycle(ctx, input),
    applyJiraEvents: (input: ApplyJiraEventsInput) => applyJiraEvents(ctx, input),
    recordEventRun: (input: RecordEventRunInput) => recordEventRun(ctx, input),
    refreshLink: (input: RefreshLinkActivityInput) => refreshLink(ctx, input),
    settleStatuses: (input: { sciId: string }) => settleStatuses(ctx, input),
    beginReconcile: (input: BeginReconcileInput) => beginReconcile(ctx, input),
    reconcilePage: (input: ReconcilePageInput) => reconcilePage(ctx, input),
    finishReconcile: (input: FinishReconcileInput) => finishReconcile(ctx, input),
    previewCycle: (input: PreviewCycleInput) => previewCycle(ctx, input),
    backfillStep: (input: { backfillId: string }) => backfillStep(ctx, input),
    stopBackfill: (input: { backfillId: string; error: string }) => stopBackfill(ctx, input),
  });
}

export type SyncActivities = ReturnType<typeof createActivities>;
