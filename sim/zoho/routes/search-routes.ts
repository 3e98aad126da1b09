import type { FastifyInstance } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { V3Error, v3Errors } from '../errors';
import { pageInfo, pageOf, parsePaging } from '../listing';
import type { ZohoItem, ZohoModule } from '../model';
import { listView } from '../records';
import { requirePortal } from './portal-routes';

type Q = Record<string, string | undefined>;

/**
 * GET /portal/{P}/search?search_term&module=tasks|issues|all — matches name or prefix,
 * case-insensitive. The whole response shape is UNCONFIRMED and lives only here:
 * `{ tasks?: [...], issues?: [...], page_info }`; `project_id` narrows to one project (UNCONFIRMED).
 */
export async function searchRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  app.get('/api/v3/portal/:portalId/search', { config: { zohoScopes: SCOPES.search } }, async (req) => {
    const portalId = requirePortal(state, req);
    const q = req.query as Q;
    const term = q.search_term?.trim().toLowerCase();
    if (!term) throw v3Errors.missing('search_term');
    const module = q.module ?? 'all';
    if (!['tasks', 'issues', 'all'].includes(module))
      throw v3Errors.invalidValue('module', 'module must be tasks, issues or all.');
    const p = parsePaging(q);
    if (p instanceof V3Error) throw p;
    const modules: ZohoModule[] = module === 'all' ? ['tasks', 'issues'] : [module as ZohoModule];
    const projects = state.projectsOf(portalId).filter((pr) => !q.project_id || pr.id === q.project_id);
    const hits: ZohoItem[] = [];
    for (const m of modules) {
      for (const pr of projects) {
        for (const it of state.list(pr.id, m).inCreatedOrder()) {
          const name = String(it.json.name).toLowerCase();
          const prefix = String(it.json.prefix).toLowerCase();
          if (name.includes(term) || prefix.includes(term)) hits.push(it);
        }
      }
    }
    const { rows, hasNext } = pageOf(hits, p);
    const out: Record<string, unknown> = {};
    for (const m of modules) out[m] = rows.filter((r) => r.module === m).map((r) => listView(state, r));
    out.page_info = pageInfo(p, rows.length, hasNext);
    return out;
  });
}
