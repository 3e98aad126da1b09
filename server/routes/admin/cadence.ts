/**
 * Admin: the Zoho → Jira cadence of an item. The wizard asks what a cadence costs before saving
 * (calls per 2-minute window for this item and for every item on the connection, against the
 * background lane's budget: workflows/core/zoho-cadence.ts); saving checks the same rule.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkZohoCadence, zohoBudgetCost, ZOHO_WINDOW_MINUTES } from '../../../workflows/core/zoho-cadence';
import type { SmartConnectedItemDraft } from '../../../workflows/core/sci-validation';
import { budgetCostQuerySchema, budgetCostSchema } from '../../contract/cadence';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';

const auth = { auth: 'admin' as const };
const tags = ['admin: Smart Connected Items'];
const sourceKey = (s: { zohoPortalId: string; zohoProjectId: string; zohoModule: string }) =>
  `${s.zohoPortalId}|${s.zohoProjectId}|${s.zohoModule}`;

/** 422 on the cadence field when the draft asks for a cadence this deployment cannot afford. */
export function assertCadence(draft: Pick<SmartConnectedItemDraft, 'zohoCadenceMinutes'>, serverOrdering: boolean) {
  if (draft.zohoCadenceMinutes === undefined) return;
  const check = checkZohoCadence(draft.zohoCadenceMinutes, serverOrdering);
  if (!check.ok)
    throw new AppError('validation_failed', 'Some settings of the Smart Connected Item need attention.', [
      { field: 'zohoCadenceMinutes', code: 'cadence_too_fast', message: check.reason },
    ]);
}

export const adminCadenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/zoho-budget-cost',
    { config: auth, schema: { tags, querystring: budgetCostQuerySchema, response: { 200: budgetCostSchema } } },
    async (request) => {
      const { installationId } = invocationOf(request);
      const q = request.query;
      const serverOrdering = app.config.zohoServerOrdering ?? true;
      const rows = await app.prisma.smartConnectedItem.findMany({
        where: { installationId, enabled: true, mode: { not: 'display_only' } },
        select: { id: true, zohoPortalId: true, zohoProjectId: true, zohoModule: true, zohoCadenceMinutes: true },
      });
      const itemId = q.itemId ?? 'new';
      const items = rows
        .filter((r) => r.id !== itemId)
        .map((r) => ({ id: r.id, cadenceMinutes: r.zohoCadenceMinutes, source: sourceKey(r) }));
      items.push({ id: itemId, cadenceMinutes: q.cadenceMinutes, source: sourceKey(q) });
      const cost = zohoBudgetCost({ items, itemId, serverOrdering, budgetPerWindow: app.config.zohoBudgetPer2Min });
      const check = checkZohoCadence(q.cadenceMinutes, serverOrdering);
      return {
        cadenceMinutes: q.cadenceMinutes,
        allowed: check.ok,
        ...(check.ok ? {} : { reason: check.reason }),
        serverOrdering,
        ...cost,
        windowSeconds: ZOHO_WINDOW_MINUTES * 60,
        itemsOnConnection: items.length,
      };
    },
  );
};
