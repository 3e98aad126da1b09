/** Issues: create, read, edit, delete, transitions and changelog. */
import type { FastifyInstance } from 'fastify';
import { actorOf, type JiraSimContext } from '../context';
import {
  availableTransitions,
  createIssue,
  deleteIssue,
  editIssue,
  transitionIssue,
  type CreateIssueInput,
} from '../issue-writes';
import { JiraError } from '../store';

type IssueParams = { issueIdOrKey: string };

/** Query params that may repeat or be comma-separated, as a flat list. */
export function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return ([] as unknown[])
    .concat(value)
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function issueRoutes(ctx: JiraSimContext) {
  const { store, render } = ctx;

  return async function plugin(app: FastifyInstance) {
    app.post('/rest/api/3/issue', async (request, reply) => {
      const body = (request.body ?? {}) as CreateIssueInput & { transition?: { id?: string } };
      const actor = actorOf(request);
      const issue = createIssue(store, actor, body);
      if (body.transition?.id) transitionIssue(store, actor, issue.id, String(body.transition.id));
      return reply
        .code(201)
        .send({ id: issue.id, key: issue.key, self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}` });
    });

    app.get('/rest/api/3/issue/:issueIdOrKey', async (request) => {
      const q = request.query as { fields?: unknown; expand?: string; properties?: unknown };
      const issue = store.requireIssue((request.params as IssueParams).issueIdOrKey);
      return render.issue(issue, {
        fields: listParam(q.fields) ?? ['*all'],
        expand: q.expand,
        properties: listParam(q.properties),
      });
    });

    app.put('/rest/api/3/issue/:issueIdOrKey', async (request, reply) => {
      const { issueIdOrKey } = request.params as IssueParams;
      const q = request.query as { returnIssue?: string; expand?: string };
      editIssue(store, actorOf(request), issueIdOrKey, (request.body ?? {}) as CreateIssueInput);
      if (q.returnIssue === 'true') return render.issue(store.requireIssue(issueIdOrKey), { expand: q.expand });
      return reply.code(204).send();
    });

    app.delete('/rest/api/3/issue/:issueIdOrKey', async (request, reply) => {
      deleteIssue(store, actorOf(request), (request.params as IssueParams).issueIdOrKey);
      return reply.code(204).send();
    });

    app.get('/rest/api/3/issue/:issueIdOrKey/transitions', async (request) => {
      const q = request.query as { expand?: string; transitionId?: string };
      const issue = store.requireIssue((request.params as IssueParams).issueIdOrKey);
      const project = store.projectOf(issue);
      const withFields = (q.expand ?? '').split(',').includes('transitions.fields');
      const transitions = availableTransitions(project, issue)
        .filter((t) => !q.transitionId || t.id === q.transitionId)
        .map((t) => render.transition(t, project, withFields));
      return { expand: 'transitions', transitions };
    });

    app.post('/rest/api/3/issue/:issueIdOrKey/transitions', async (request, reply) => {
      const body = (request.body ?? {}) as CreateIssueInput & { transition?: { id?: string } };
      if (!body.transition?.id) throw new JiraError(400, ["Missing 'transition' identifier"]);
      transitionIssue(
        store,
        actorOf(request),
        (request.params as IssueParams).issueIdOrKey,
        String(body.transition.id),
        body,
      );
      return reply.code(204).send();
    });

    app.get('/rest/api/3/issue/:issueIdOrKey/changelog', async (request) => {
      const q = request.query as { startAt?: string; maxResults?: string };
      const issue = store.requireIssue((request.params as IssueParams).issueIdOrKey);
      const startAt = Number(q.startAt ?? 0);
      const maxResults = Math.min(Number(q.maxResults ?? 100), 100);
      const values = issue.histories.slice(startAt, startAt + maxResults).map((h) => render.history(h));
      return {
        self: `${ctx.baseUrl}/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${startAt}`,
        maxResults,
        startAt,
        total: issue.histories.length,
        isLast: startAt + maxResults >= issue.histories.length,
        values,
      };
    });
  };
}
