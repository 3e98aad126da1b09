import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { V3Error, v3Errors } from '../errors';
import { pageInfo, pageOf, parsePaging } from '../listing';
import type { ZohoProject } from '../model';
import type { ZohoSimState } from '../store';

type Q = Record<string, string | undefined>;
type P = { portalId: string; projectId?: string };

/** Portal 404 / project 404 as V3 errors. */
export function requireProject(state: ZohoSimState, req: FastifyRequest): ZohoProject {
  const { portalId, projectId } = req.params as P;
  if (!state.portals.has(portalId)) throw v3Errors.notFound('Portal');
  const project = projectId ? state.project(portalId, projectId) : undefined;
  if (!project) throw v3Errors.notFound('Project');
  return project;
}

export function requirePortal(state: ZohoSimState, req: FastifyRequest): string {
  const { portalId } = req.params as P;
  if (!state.portals.has(portalId)) throw v3Errors.notFound('Portal');
  return portalId;
}

function paging(q: Q) {
  const p = parsePaging(q);
  if (p instanceof V3Error) throw p;
  return p;
}

/** Portals, projects, users, milestones, time logs (read-only, display data). */
export async function portalRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  const base = '/api/v3/portal/:portalId';

  // Bare array (zoho.md).
  app.get('/api/v3/portals', { config: { zohoScopes: SCOPES.portals } }, async () =>
    [...state.portals.values()].map((p) => ({
      id: p.id,
      portal_name: p.name,
      org_name: p.orgName,
      name: p.name,
      is_default: true,
    })),
  );

  // Bare array of projects (zoho.md); status=active|archived filters.
  app.get(`${base}/projects`, { config: { zohoScopes: SCOPES.projects } }, async (req) => {
    const portalId = requirePortal(state, req);
    const q = req.query as Q;
    const all = state
      .projectsOf(portalId)
      .map((p) => p.json)
      .filter((j) => !q.status || j.status === q.status);
    return pageOf(all, paging(q)).rows;
  });

  app.get(
    `${base}/projects/:projectId`,
    { config: { zohoScopes: SCOPES.projects } },
    async (req) => requireProject(state, req).json,
  );

  // Shape UNCONFIRMED: {users:[…], page_info}.
  const listUsers = async (req: FastifyRequest) => {
    requirePortal(state, req);
    const p = paging(req.query as Q);
    const users = [...state.users.values()].map((u) => ({
      id: u.zpuid,
      zpuid: u.zpuid,
      zuid: u.zuid,
      name: u.name,
      email: u.email,
      role: u.role,
      active: true,
    }));
    const { rows, hasNext } = pageOf(users, p);
    return { users: rows, page_info: pageInfo(p, rows.length, hasNext) };
  };
  app.get(`${base}/users`, { config: { zohoScopes: SCOPES.users } }, listUsers);
  app.get(`${base}/projects/:projectId/users`, { config: { zohoScopes: SCOPES.users } }, async (req) => {
    requireProject(state, req);
    return listUsers(req);
  });

  // page_info is an array here (zoho.md).
  app.get(`${base}/projects/:projectId/milestones`, { config: { zohoScopes: SCOPES.milestones } }, async (req) => {
    const project = requireProject(state, req);
    const p = paging(req.query as Q);
    const { rows, hasNext } = pageOf(project.milestones, p);
    return { milestones: rows, page_info: [pageInfo(p, rows.length, hasNext)] };
  });

  // Display only; shape UNCONFIRMED.
  app.get(`${base}/projects/:projectId/timelogs`, { config: { zohoScopes: SCOPES.timelogs } }, async (req) => {
    const project = requireProject(state, req);
    const p = paging(req.query as Q);
    const { rows, hasNext } = pageOf(project.timelogs, p);
    return { time_logs: rows, page_info: pageInfo(p, rows.length, hasNext) };
  });
}
