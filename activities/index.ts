/**
 * `createActivities(deps)`: every activity the workflows call, bound to injected dependencies
 * (Prisma, per-installation Zoho and Jira clients, clock, config). Tests and benchmarks pass
 * simulator-backed clients; workflows type this with `ReturnType<typeof createActivities>`.
 */
import { type ActivityDeps, makeCtx } from './sync/context';
import { beginCycle, finishCycle, type BeginCycleInput, type FinishCycleInput } from './sync/cycle';
import { pullPages, type PullPagesInput } from './sync/pull';
import { applyZohoChanges, type ApplyZohoChangesInput } from './sync/apply-zoho-to-jira';
import { mirrorFromZoho, type MirrorInput } from './sync/mirror-zoho-to-jira';
import { autoCreateRecord, type AutoCreateRecordInput } from './sync/auto-create';
import { writeDeferredNotes, writeLinkNote } from './sync/link-note';
import { autoCreateBatch, type AutoCreateBatchInput } from './sync/auto-create-batch';
import { applyJiraEvents, type ApplyJiraEventsInput } from './sync/apply-jira-events';
import { refreshLink, type RefreshLinkActivityInput } from './sync/refresh';
import { recordEventRun, type RecordEventRunInput } from './sync/event-runs';

export type { ActivityDeps } from './sync/context';
export { DEFAULT_SYNC_CONFIG, type SyncEngineConfig } from './sync/context';

export function createActivities(deps: ActivityDeps) {
  const ctx = makeCtx(deps);
  return {
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
  };
}

export type SyncActivities = ReturnType<typeof createActivities>;
