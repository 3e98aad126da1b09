/**
 * Admin: backfill of an item's existing records — start (a dry run first, then the run), progress,
 * cancel. The work is workflow `backfill:<sciId>` on the workers; this only records the request,
 * starts or cancels the workflow, and reads the progress the workflow keeps in PostgreSQL.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { backfillWorkflowIdFor } from '../../../workflows/ids';
import type { PrismaClient } from '../../../store/prisma';
import {
  backfillProgress,
  backfillStatus,
  createBackfill,
  latestBackfill,
  resumableBackfill,
  updateBackfill,
  type BackfillRow,
} from '../../../store/backfills';
import {
  backfillBodySchema,
  backfillProgressResultSchema,
  backfillStartedSchema,
  type BackfillProgress,
} from '../../contract/backfill';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { createItemStore } from '../../services/item-store';
import { backfillRunning, cancelBackfill, startBackfill } from '../../temporal/backfills';

const auth = { auth: 'admin' as const };
const tags = ['admin: backfill'];
const itemParams = z.object({ id: z.string().uuid() });
const ROWS_PER_STATE = 20;
const RUNNING = 'A backfill of this item is running. Cancel it or wait until it ends.';

async function progressOf(prisma: PrismaClient, row: BackfillRow | null): Promise<BackfillProgress | null> {
  if (!row) return null;
  const { counts: c, total, rows } = await backfillProgress(prisma, row.id, ROWS_PER_STATE);
  return {
    id: row.id,
    dryRun: row.dryRun,
    status: backfillStatus(row),
    phase: row.phase,
    match: row.options.match,
    createRest: row.options.createRest,
    total,
    processed: total - c.pending,
    linked: c.linked,
    created: c.created,
    ambiguous: c.ambiguous,
    skipped: c.skipped,
    failed: c.failed,
    wouldLink: c.link,
    wouldCreate: c.create,
    jiraScanned: row.jiraScanned,
    error: row.error,
    workflowId: row.workflowId,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    rows,
  };
}

export const adminBackfillRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createItemStore(app.prisma);

  app.post(
    '/items/:id/backfill',
    {
      config: auth,
      schema: { tags, params: itemParams, body: backfillBodySchema, response: { 202: backfillStartedSchema } },
    },
    async (request, reply) => {
      const { installationId } = invocationOf(request);
      const sci = await store.find(installationId, request.params.id);
      if (await backfillRunning(app.temporal, sci.id)) throw new AppError('conflict', RUNNING);
      const { dryRun, match, createRest } = request.body;
      const options = { match, createRest };
      const workflowId = backfillWorkflowIdFor(sci.id);
      const stopped = dryRun ? null : await resumableBackfill(app.prisma, sci.id, options);
      const row =
        stopped ?? (await createBackfill(app.prisma, { installationId, sciId: sci.id, dryRun, options, workflowId }));
      if (stopped) await updateBackfill(app.prisma, stopped.id, { finishedAt: null, error: null, workflowId });
      const started = await startBackfill(
        app.temporal,
        { sciId: sci.id, backfillId: row.id },
        { taskQueue: app.taskQueue },
      );
      if (!started) {
        if (!stopped) await app.prisma.backfill.delete({ where: { id: row.id } }).catch(() => undefined);
        throw new AppError('conflict', RUNNING);
      }
      request.log.info(
        { installationId, sciId: sci.id, backfillId: row.id, dryRun, resumed: !!stopped },
        'backfill started',
      );
      return reply.code(202).send({ backfillId: row.id, workflowId, resumed: !!stopped });
    },
  );

  app.get(
    '/items/:id/backfill',
    { config: auth, schema: { tags, params: itemParams, response: { 200: backfillProgressResultSchema } } },
    async (request) => {
      const sci = await store.find(invocationOf(request).installationId, request.params.id);
      const [run, dry] = await Promise.all([
        latestBackfill(app.prisma, sci.id, { dryRun: false }),
        latestBackfill(app.prisma, sci.id, { dryRun: true }),
      ]);
      return { run: await progressOf(app.prisma, run), dryRun: await progressOf(app.prisma, dry) };
    },
  );

  app.post(
    '/items/:id/backfill/cancel',
    {
      config: auth,
      schema: { tags, params: itemParams, response: { 200: z.object({ cancelled: z.boolean() }) } },
    },
    async (request) => {
      const sci = await store.find(invocationOf(request).installationId, request.params.id);
      return { cancelled: await cancelBackfill(app.temporal, sci.id) };
    },
  );
};
