/** Workflow bundle entry: exports workflows only (activities live in activities/). */
export { syncItem } from './sync-item';
export { autoCreate } from './auto-create';
export { issueEvents } from './issue-events';
export { refreshLink } from './refresh-link';
export { reconcileItem } from './reconcile-item';
export { previewItem } from './preview';
export { backfill } from './backfill';
