/** Typed calls of the dry-run preview and backfill routes (server/contract/preview.ts, backfill.ts). */
import { PREVIEW_ROUTES, type CyclePreviewView } from '../../server/contract/preview';
import { BACKFILL_ROUTES, type BackfillBody, type BackfillProgressResult } from '../../server/contract/backfill';
import type { SmartConnectedItemInput } from '../../workflows/core/model';
import { callApi, routeMethod, routePath } from '../shared/transport';

type Route =
  (typeof PREVIEW_ROUTES)[keyof typeof PREVIEW_ROUTES] | (typeof BACKFILL_ROUTES)[keyof typeof BACKFILL_ROUTES];

function call<T>(route: Route, params?: Record<string, string>, body?: object): Promise<T> {
  return callApi<T>('admin', routeMethod(route), routePath(route, params), body);
}

export const previewApi = {
  previewItem: (id: string) => call<CyclePreviewView>(PREVIEW_ROUTES.previewItem, { id }, {}),
  /** `itemId`: the saved item being edited, so the preview sees its links. */
  previewDraft: (input: SmartConnectedItemInput, itemId?: string) =>
    callApi<CyclePreviewView>(
      'admin',
      routeMethod(PREVIEW_ROUTES.previewDraft),
      routePath(PREVIEW_ROUTES.previewDraft, {}, itemId ? { itemId } : undefined),
      input,
    ),
  startBackfill: (id: string, body: BackfillBody) =>
    call<{ backfillId: string; workflowId: string; resumed: boolean }>(BACKFILL_ROUTES.startBackfill, { id }, body),
  backfillProgress: (id: string) => call<BackfillProgressResult>(BACKFILL_ROUTES.backfillProgress, { id }),
  cancelBackfill: (id: string) => call<{ cancelled: boolean }>(BACKFILL_ROUTES.cancelBackfill, { id }, {}),
};
