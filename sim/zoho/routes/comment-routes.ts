import type { FastifyInstance } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { V3Error, v3Errors } from '../errors';
import { addComment, deleteComment, editComment, findComment } from '../item-actions';
import { pageInfo, pageOf, parsePaging } from '../listing';
import { ZOHO_MODULES } from '../model';
import { requireItem } from './item-routes';

type Q = Record<string, string | undefined>;

function commentBody(body: unknown): string {
  if (!body || typeof body !== 'object') throw v3Errors.jsonParse();
  const keys = Object.keys(body).filter((k) => k !== 'comment');
  if (keys.length) throw v3Errors.extraKey(keys);
  const c = (body as { comment?: unknown }).comment;
  if (typeof c !== 'string' || !c) throw v3Errors.missing('comment');
  return c;
}

/** Comments on tasks and issues. POST answers with a top-level array (zoho.md). */
export async function commentRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  for (const module of ZOHO_MODULES) {
    const coll = `/api/v3/portal/:portalId/projects/:projectId/${module}/:itemId/comments`;
    const one = `${coll}/:commentId`;

    app.get(coll, { config: { zohoScopes: SCOPES.read(module) } }, async (req) => {
      const item = requireItem(state, req, module);
      const p = parsePaging(req.query as Q);
      if (p instanceof V3Error) throw p;
      const { rows, hasNext } = pageOf(item.comments, p);
      return { comments: rows.map((c) => c.json), page_info: pageInfo(p, rows.length, hasNext) };
    });

    app.post(coll, { config: { zohoScopes: SCOPES.update(module) } }, async (req, reply) => {
      const item = requireItem(state, req, module);
      const c = addComment(state, item, commentBody(req.body), req.zohoUser!);
      return reply.code(201).send([c.json]);
    });

    app.patch(one, { config: { zohoScopes: SCOPES.update(module) } }, async (req) => {
      const item = requireItem(state, req, module);
      const c = findComment(item, (req.params as { commentId: string }).commentId);
      editComment(state, item, c, commentBody(req.body));
      return c.json;
    });

    app.delete(one, { config: { zohoScopes: SCOPES.update(module) } }, async (req, reply) => {
      const item = requireItem(state, req, module);
      deleteComment(state, item, (req.params as { commentId: string }).commentId);
      return reply.code(204).send();
    });
  }
}
