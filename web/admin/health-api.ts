/** Admin page calls of the drift check, the cadence cost and health (server/contract/health.ts, cadence.ts). */
import { ADMIN_ROUTES } from '../../server/contract/admin';
import type { BudgetCost } from '../../server/contract/cadence';
import type { Health } from '../../server/contract/health';
import { callApi, routeMethod, routePath } from '../shared/transport';

export const healthApi = {
  health: () => callApi<Health>('admin', routeMethod(ADMIN_ROUTES.health), routePath(ADMIN_ROUTES.health)),
  reconcileNow: (id: string) =>
    callApi<{ scheduleId: string; workflowId: string; temporalUrl: string }>(
      'admin',
      routeMethod(ADMIN_ROUTES.reconcileNow),
      routePath(ADMIN_ROUTES.reconcileNow, { id }),
    ),
  /** Turns the item's Zoho webhook on with a new token (rotation); the path is shown only now. */
  zohoWebhookOn: (id: string) =>
    callApi<{ enabled: boolean; path: string | null }>(
      'admin',
      routeMethod(ADMIN_ROUTES.zohoWebhookOn),
      routePath(ADMIN_ROUTES.zohoWebhookOn, { id }),
    ),
  zohoWebhookOff: (id: string) =>
    callApi<{ enabled: boolean; path: string | null }>(
      'admin',
      routeMethod(ADMIN_ROUTES.zohoWebhookOff),
      routePath(ADMIN_ROUTES.zohoWebhookOff, { id }),
    ),
  budgetCost: (q: {
    cadenceMinutes: number;
    itemId?: string;
    zohoPortalId: string;
    zohoProjectId: string;
    zohoModule: string;
  }) =>
    callApi<BudgetCost>(
      'admin',
      'GET',
      routePath(
        ADMIN_ROUTES.zohoBudgetCost,
        {},
        {
          cadenceMinutes: String(q.cadenceMinutes),
          ...(q.itemId ? { itemId: q.itemId } : {}),
          zohoPortalId: q.zohoPortalId,
          zohoProjectId: q.zohoProjectId,
          zohoModule: q.zohoModule,
        },
      ),
    ),
};
