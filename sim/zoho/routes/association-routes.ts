import type { FastifyInstance } from 'fastify';
import { associatedOf } from '../associations';
import { SCOPES, type ZohoSimContext } from '../context';
import { V3Error, v3Errors } from '../errors';
import { pageInfo, pageOf, parsePaging } from '../listing';
import type { ZohoItem } from '../model';
import { listView } from '../records';
import { requireItem } from './item-routes';
import { requirePortal } from './portal-routes';

type Q = Record<string, string | undefined>;

/** `issue_ids` as a JSON array, a comma list, or one bare id (the docs' example); ids stay strings (> 2^53). */
function issueIds(raw: string | undefined): string[] {
  if (!raw) throw v3Errors.missing('issue_ids');
  if (!/^\[?\s*"?\d+"?(\s*,\s*"?\d+"?)*\s*\]?$/.test(raw.trim()))
    throw v3Errors.invalidValue('issue_ids', 'issue_ids must be issue ids.');
  return raw.match(/\d+/g) ?? [];
}

/**
 * Task ↔ issue associations, read side. Paths from Zoho's V3 docs ("Bug Association" of tasks,
 * "Issue Task Mapping" of issues); response keys UNCONFIRMED: issues come under `issues`, tasks
 * under `tasks` with `page_info`.
 */
export async function associationRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;

  app.get(
    '/api/v3/portal/:portalId/projects/:projectId/tasks/:itemId/associated-bugs',
    { config: { zohoScopes: SCOPES.read('tasks') } },
    async (req) => {
      const task = requireItem(state, req, 'tasks');
      return { issues: associatedOf(state, task).map((i) => listView(state, i)) };
    },
  );

  app.get(
    '/api/v3/portal/:portalId/issues/associated-tasks',
    { config: { zohoScopes: SCOPES.read('tasks') } },
    async (req) => {
      const portalId = requirePortal(state, req);
      const q = req.query as Q;
      const p = parsePaging(q);
      if (p instanceof V3Error) throw p;
      const tasks: ZohoItem[] = [];
      for (const id of issueIds(q.issue_ids)) {
        const issue = state.items.get(id);
        const project = issue ? state.projects.get(issue.projectId) : undefined;
        if (!issue || issue.module !== 'issues' || project?.portalId !== portalId) throw v3Errors.notFound('Issue');
        for (const t of associatedOf(state, issue)) if (!tasks.includes(t)) tasks.push(t);
      }
      const { rows, hasNext } = pageOf(tasks, p);
      return { tasks: rows.map((t) => listView(state, t)), page_info: pageInfo(p, rows.length, hasNext) };
    },
  );
}
