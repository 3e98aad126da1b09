/** Site and project metadata: myself, serverInfo, projects, statuses, create metadata, fields. */
import type { FastifyInstance } from 'fastify';
import { actorOf, type JiraSimContext } from '../context';
import { jiraDate } from '../render';
import { JiraError } from '../store';
import type { SimProject } from '../types';

type ProjectParams = { projectIdOrKey: string };

function page<T>(items: T[], query: { startAt?: string | number; maxResults?: string | number }, cap = 50) {
  const startAt = Number(query.startAt ?? 0);
  const maxResults = Math.min(Number(query.maxResults ?? cap), cap);
  return {
    startAt,
    maxResults,
    total: items.length,
    values: items.slice(startAt, startAt + maxResults),
    isLast: startAt + maxResults >= items.length,
  };
}

export function metaRoutes(ctx: JiraSimContext) {
  const { store, render } = ctx;
  const requireProject = (idOrKey: string): SimProject => {
    const project = store.project(idOrKey);
    if (!project) throw new JiraError(404, [`No project could be found with key '${idOrKey}'.`]);
    return project;
  };

  return async function plugin(app: FastifyInstance) {
    app.get('/rest/api/3/myself', async (request) => {
      const user = store.users.get(actorOf(request))!;
      return {
        ...render.user(user),
        locale: 'en_US',
        groups: { size: 1, items: [] },
        applicationRoles: { size: 1, items: [] },
      };
    });

    // Get bulk permissions: the global permissions (of those asked) the user holds; projects are not modelled.
    app.post('/rest/api/3/permissions/check', async (request) => {
      const body = (request.body ?? {}) as { accountId?: string; globalPermissions?: string[] };
      const user = store.users.get(body.accountId ?? actorOf(request));
      const held = new Set(user?.globalPermissions ?? []);
      return { globalPermissions: (body.globalPermissions ?? []).filter((p) => held.has(p)), projectPermissions: [] };
    });

    app.get('/rest/api/3/serverInfo', async () => ({
      baseUrl: ctx.baseUrl,
      displayUrl: ctx.baseUrl,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100250,
      buildDate: '2026-11-01T00:00:00.000+0000',
      serverTime: jiraDate(store.now()),
      scmInfo: 'simulator',
      serverTitle: 'Jira (simulator)',
      defaultLocale: { locale: 'en_US' },
    }));

    app.get('/rest/api/3/user', async (request) => {
      const { accountId } = request.query as { accountId?: string };
      const user = accountId ? store.users.get(accountId) : undefined;
      if (!user) throw new JiraError(404, [`Specified user does not exist or you do not have required permissions`]);
      return render.user(user);
    });

    // Paged; unknown account ids are left out (OpenAPI: PageBeanUser). Hidden emails stay hidden.
    app.get('/rest/api/3/user/bulk', async (request) => {
      const q = request.query as { accountId?: string | string[]; startAt?: string; maxResults?: string };
      const ids = ([] as string[]).concat(q.accountId ?? []);
      const users = ids.flatMap((id) => {
        const u = store.users.get(id);
        return u ? [render.user(u)] : [];
      });
      return { self: `${ctx.baseUrl}/rest/api/3/user/bulk`, ...page(users, q, 200) };
    });

    // Bare array of active users whose display name or (visible) email matches the query.
    app.get('/rest/api/3/user/search', async (request) => {
      const q = request.query as { query?: string; accountId?: string; startAt?: string; maxResults?: string };
      const text = q.query?.trim().toLowerCase();
      const users = [...store.users.values()].filter(
        (u) =>
          u.active &&
          (!q.accountId || u.accountId === q.accountId) &&
          (!text ||
            u.displayName.toLowerCase().includes(text) ||
            (u.emailAddress ?? '').toLowerCase().startsWith(text)),
      );
      return page(
        users.map((u) => render.user(u)),
        q,
      ).values;
    });

    app.get('/rest/api/3/project/search', async (request) => {
      const q = request.query as { keys?: string | string[]; query?: string; startAt?: string; maxResults?: string };
      const keys = q.keys === undefined ? undefined : ([] as string[]).concat(q.keys).flatMap((k) => k.split(','));
      const text = q.query?.toLowerCase();
      const projects = [...store.projects.values()]
        .filter((p) => !keys || keys.includes(p.key) || keys.includes(p.id))
        .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
        .sort((a, b) => a.key.localeCompare(b.key));
      const result = page(
        projects.map((p) => render.project(p, true)),
        q,
      );
      return { self: `${ctx.baseUrl}/rest/api/3/project/search`, ...result };
    });

    app.get('/rest/api/3/project/:projectIdOrKey', async (request) =>
      render.project(requireProject((request.params as ProjectParams).projectIdOrKey), true),
    );

    app.get('/rest/api/3/project/:projectIdOrKey/statuses', async (request) => {
      const project = requireProject((request.params as ProjectParams).projectIdOrKey);
      const statuses = project.workflow.statusIds.map((id) => render.status(store.statuses.get(id)!));
      return project.issueTypeIds.map((id) => {
        const type = store.issueTypes.get(id)!;
        return {
          self: `${ctx.baseUrl}/rest/api/3/issuetype/${id}`,
          id,
          name: type.name,
          subtask: type.subtask,
          statuses,
        };
      });
    });

    app.get('/rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes', async (request) => {
      const project = requireProject((request.params as ProjectParams).projectIdOrKey);
      const types = project.issueTypeIds.map((id) => render.issueType(store.issueTypes.get(id)!));
      const p = page(types, request.query as Record<string, string>);
      return {
        issueTypes: p.values,
        createMetaIssueType: p.values,
        startAt: p.startAt,
        maxResults: p.maxResults,
        total: p.total,
      };
    });

    app.get('/rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId', async (request) => {
      const params = request.params as ProjectParams & { issueTypeId: string };
      const project = requireProject(params.projectIdOrKey);
      if (!project.issueTypeIds.includes(params.issueTypeId))
        throw new JiraError(404, ['Issue type with given ID does not exist or you do not have permission to see it.']);
      const meta = render.fieldMetadata(['summary', ...project.fieldIds.filter((f) => f !== 'summary')], project);
      const fixed = [
        {
          required: true,
          schema: { type: 'issuetype', system: 'issuetype' },
          name: 'Issue Type',
          key: 'issuetype',
          fieldId: 'issuetype',
          hasDefaultValue: false,
          operations: [],
          allowedValues: [render.issueType(store.issueTypes.get(params.issueTypeId)!)],
        },
        {
          required: true,
          schema: { type: 'project', system: 'project' },
          name: 'Project',
          key: 'project',
          fieldId: 'project',
          hasDefaultValue: false,
          operations: ['set'],
          allowedValues: [render.project(project)],
        },
      ];
      const p = page([...fixed, ...Object.values(meta)], request.query as Record<string, string>, 200);
      return { fields: p.values, results: p.values, startAt: p.startAt, maxResults: p.maxResults, total: p.total };
    });

    app.get('/rest/api/3/field', async () => [...store.fields.values()].map((f) => render.field(f)));
    app.get('/rest/api/3/status', async () => [...store.statuses.values()].map((s) => render.status(s)));
    app.get('/rest/api/3/issuetype', async () => [...store.issueTypes.values()].map((t) => render.issueType(t)));
    app.get('/rest/api/3/priority', async () => [...store.priorities.values()].map((p) => render.priority(p)));
  };
}
