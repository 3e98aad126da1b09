/**
 * Admin: "Reconcile now" for one Smart Connected Item — triggers its drift-check Schedule
 * ("reconcile:<id>"); an item saved before that Schedule existed gets it here first.
 */
import { ScheduleNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { syncPause } from '../../../workflows/core/sync-activity';
import { reconcileScheduleIdFor, reconcileWorkflowIdFor } from '../../../workflows/ids';
import { reconcileNowResultSchema } from '../../contract/reconcile';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { createItemStore, syncSwitchesOf } from '../../services/item-store';
import { triggerReconcileNow } from '../../temporal/reconcile-schedule';
import { scheduledItemOf, upsertSchedule } from '../../temporal/schedules';

const auth = { auth: 'admin' as const };
const tags = ['admin: Smart Connected Items'];
const params = z.object({ id: z.string().uuid() });

export const adminReconcileRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createItemStore(app.prisma);
  app.post(
    '/items/:id/reconcile',
    { config: auth, schema: { tags, params, response: { 202: reconcileNowResultSchema } } },
    async (request, reply) => {
      const row = await store.find(invocationOf(request).installationId, request.params.id);
      const pause = syncPause(syncSwitchesOf(row));
      if (pause === 'display_only')
        throw new AppError('conflict', 'Display-only items never sync; there is no drift to repair.');
      if (pause) throw new AppError('conflict', 'Enable the Smart Connected Item before reconciling it.');
      try {
        await triggerReconcileNow(app.temporal, row.id);
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
        await upsertSchedule(app.temporal, scheduledItemOf(row, row.installation.status), { taskQueue: app.taskQueue });
        await triggerReconcileNow(app.temporal, row.id);
      }
      request.log.info({ sciId: row.id }, 'reconciliation triggered');
      const { webUrl, namespace } = app.config.temporal;
      const scheduleId = reconcileScheduleIdFor(row.id);
      return reply.code(202).send({
        scheduleId,
        workflowId: reconcileWorkflowIdFor(row.id),
        temporalUrl: `${webUrl}/namespaces/${encodeURIComponent(namespace)}/schedules/${encodeURIComponent(scheduleId)}`,
      });
    },
  );
};
