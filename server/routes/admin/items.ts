/**
 * Admin: Smart Connected Items. Writes are validated by the core's matrix (422 with field errors)
 * and keep the item's Temporal Schedule in step: create → schedule, update → schedule updated,
 * disable → paused, delete → schedule deleted; sync-now triggers the schedule.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSchedule, scheduledItemOf, triggerSyncNow, upsertSchedule } from '../../temporal/schedules';
import { syncPause } from '../../../workflows/core/sync-activity';
import { scheduleIdFor, syncWorkflowIdFor } from '../../../workflows/ids';
import { itemBodySchema, itemSchema, syncNowResultSchema } from '../../contract/admin';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { createItemStore, syncSwitchesOf, toItem, validateItemInput, type ItemRow } from '../../services/item-store';
import { latestReconcileOf, withLatestReconciles } from '../../services/latest-reconcile';
import { assertCadence } from './cadence';
import { countLinksNeedingAttention } from '../../../store/link-attention';

const auth = { auth: 'admin' as const };
const tags = ['admin: Smart Connected Items'];
const itemParams = z.object({ id: z.string().uuid() });

export const adminItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createItemStore(app.prisma);
  const view = (row: ItemRow) => toItem(row, app.config.temporal);
  const schedule = (row: ItemRow) =>
    upsertSchedule(app.temporal, scheduledItemOf(row, row.installation.status), { taskQueue: app.taskQueue });

  app.get(
    '/items',
    {
      config: auth,
      schema: { tags, response: { 200: z.object({ items: z.array(itemSchema) }) } },
    },
    async (request) => {
      const rows = await store.list(invocationOf(request).installationId);
      const attention = await countLinksNeedingAttention(
        app.prisma,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) => toItem(r, app.config.temporal, attention.get(r.id) ?? 0));
      return { items: await withLatestReconciles(app, items) };
    },
  );

  app.get(
    '/items/:id',
    {
      config: auth,
      schema: { tags, params: itemParams, response: { 200: itemSchema } },
    },
    async (request) =>
      latestReconcileOf(app, view(await store.find(invocationOf(request).installationId, request.params.id))),
  );

  app.post(
    '/items',
    {
      config: auth,
      // attachValidation: the core's matrix answers with friendlier, per-field 422 errors.
      attachValidation: true,
      schema: { tags, body: itemBodySchema, response: { 201: itemSchema } },
    },
    async (request, reply) => {
      const { installationId } = invocationOf(request);
      const draft = validateItemInput(request.body);
      assertCadence(draft, app.config.zohoServerOrdering ?? true);
      const row = await store.create(installationId, draft);
      try {
        await schedule(row);
      } catch (err) {
        await store.remove(installationId, row.id).catch(() => undefined);
        throw err;
      }
      request.log.info({ installationId, sciId: row.id, mode: row.mode }, 'smart connected item created');
      return reply.code(201).send(view(row));
    },
  );

  app.put(
    '/items/:id',
    {
      config: auth,
      attachValidation: true,
      schema: { tags, params: itemParams, body: itemBodySchema, response: { 200: itemSchema } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const params = itemParams.safeParse(request.params);
      if (!params.success) throw new AppError('not_found', 'The Smart Connected Item was not found.');
      const draft = validateItemInput(request.body);
      assertCadence(draft, app.config.zohoServerOrdering ?? true);
      const row = await store.update(installationId, params.data.id, draft);
      await schedule(row);
      return view(row);
    },
  );

  app.delete(
    '/items/:id',
    {
      config: auth,
      schema: { tags, params: itemParams, response: { 200: z.object({ deleted: z.literal(true) }) } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      await store.find(installationId, request.params.id);
      await deleteSchedule(app.temporal, request.params.id);
      await store.remove(installationId, request.params.id);
      return { deleted: true as const };
    },
  );

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(
      `/items/:id/${action}`,
      {
        config: auth,
        schema: { tags, params: itemParams, response: { 200: itemSchema } },
      },
      async (request) => {
        const row = await store.setEnabled(invocationOf(request).installationId, request.params.id, enabled);
        await schedule(row);
        return view(row);
      },
    );
  }

  app.post(
    '/items/:id/sync-now',
    {
      config: auth,
      schema: { tags, params: itemParams, response: { 202: syncNowResultSchema } },
    },
    async (request, reply) => {
      const row = await store.find(invocationOf(request).installationId, request.params.id);
      const pause = syncPause(syncSwitchesOf(row));
      if (pause === 'display_only') {
        throw new AppError('conflict', 'Display-only items never sync; there is nothing to run.');
      }
      if (pause) throw new AppError('conflict', 'Enable the Smart Connected Item before running a sync.');
      await triggerSyncNow(app.temporal, row.id);
      const { webUrl, namespace } = app.config.temporal;
      return reply.code(202).send({
        workflowId: syncWorkflowIdFor(row.id),
        temporalUrl: `${webUrl}/namespaces/${encodeURIComponent(namespace)}/schedules/${encodeURIComponent(scheduleIdFor(row.id))}`,
      });
    },
  );
};
