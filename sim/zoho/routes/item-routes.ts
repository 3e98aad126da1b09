import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { V3Error, v3Errors } from '../errors';
import { listPage, pageInfo, parsePaging } from '../listing';
import { ZOHO_MODULES, type ZohoItem, type ZohoModule } from '../model';
import { writeItem } from '../record-fields';
import { createItem, listView } from '../records';
import type { ZohoSimState } from '../store';
import { requireProject } from './portal-routes';

type Q = Record<string, string | undefined>;

export function requireItem(state: ZohoSimState, req: FastifyRequest, module: ZohoModule): ZohoItem {
  const project = requireProject(state, req);
  const id = (req.params as { itemId: string }).itemId;
  const item = state.item(project.id, module, id);
  if (!item) throw v3Errors.notFound(module === 'tasks' ? 'Task' : 'Issue');
  return item;
}

/** Tasks and issues: list, get, create (201), PATCH only, delete (204). */
export async function itemRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  for (const module of ZOHO_MODULES) {
    const coll = `/api/v3/portal/:portalId/projects/:projectId/${module}`;
    const one = `${coll}/:itemId`;

    app.get(coll, { config: { zohoScopes: SCOPES.read(module) } }, async (req) => {
      const project = requireProject(state, req);
      const q = req.query as Q;
      const p = parsePaging(q, { required: module === 'issues' });
      if (p instanceof V3Error) throw p;
      const page = listPage(state, state.list(project.id, module), q, p);
      if (page instanceof V3Error) throw page;
      return {
        [module]: page.items.map((i) => listView(state, i)),
        page_info: pageInfo(p, page.items.length, page.hasNext),
      };
    });

    app.get(one, { config: { zohoScopes: SCOPES.read(module) } }, async (req) => requireItem(state, req, module).json);

    app.post(coll, { config: { zohoScopes: SCOPES.create(module) } }, async (req, reply) => {
      const project = requireProject(state, req);
      const item = createItem(state, project, module, req.body, { creator: req.zohoUser! });
      if (item instanceof V3Error) throw item;
      return reply.code(201).send(item.json);
    });

    app.patch(one, { config: { zohoScopes: SCOPES.update(module) } }, async (req) => {
      const item = requireItem(state, req, module);
      const err = writeItem(state, item, req.body);
      if (err) throw err;
      return item.json;
    });

    app.delete(one, { config: { zohoScopes: SCOPES.delete(module) } }, async (req, reply) => {
      state.deleteItem(requireItem(state, req, module));
      return reply.code(204).send();
    });
  }
}
