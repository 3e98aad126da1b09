/**
 * Admin: dry-run preview of the next cycle, for a saved item or for the wizard's unsaved draft
 * (validated exactly as a save). The preview runs as workflow `preview:<sciId>:<nonce>` on the
 * workers, with their clients and Zoho budget, and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PreviewCycleInput } from '../../../activities/index';
import { itemBodySchema } from '../../contract/admin';
import { cyclePreviewSchema } from '../../contract/preview';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { createItemStore, validateItemInput } from '../../services/item-store';
import { runPreview } from '../../temporal/previews';

const auth = { auth: 'admin' as const };
const tags = ['admin: Smart Connected Items'];
const itemParams = z.object({ id: z.string().uuid() });
/** An edit of a saved item previews against that item's links and cursor; a new draft has none. */
const draftQuery = z.object({ itemId: z.string().uuid().optional() });
const previewBody = z.object({ rowLimit: z.number().int().min(1).max(100).optional() }).optional();

export const adminPreviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createItemStore(app.prisma);
  const run = async (input: PreviewCycleInput) => {
    try {
      return await runPreview(app.temporal, input, { taskQueue: app.taskQueue });
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      const cause = (err.cause?.cause ?? err.cause) as (Error & { type?: string }) | undefined;
      if (cause?.type === 'NotFound') throw new AppError('not_found', cause.message);
      throw new AppError('internal', `The preview could not be computed: ${cause?.message ?? err.message}`);
    }
  };

  app.post(
    '/items/:id/preview',
    {
      config: auth,
      schema: { tags, params: itemParams, body: previewBody, response: { 200: cyclePreviewSchema } },
    },
    async (request) => {
      const row = await store.find(invocationOf(request).installationId, request.params.id);
      return run({ sciId: row.id, rowLimit: request.body?.rowLimit });
    },
  );

  app.post(
    '/items/preview',
    {
      config: auth,
      // Validated like a save: the core's matrix answers with per-field 422 errors.
      attachValidation: true,
      schema: { tags, querystring: draftQuery, body: itemBodySchema, response: { 200: cyclePreviewSchema } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const draft = validateItemInput(request.body);
      const { itemId } = request.query;
      const id = itemId ? (await store.find(installationId, itemId)).id : randomUUID();
      return run({ draft: { ...draft, id, installationId } });
    },
  );
};
