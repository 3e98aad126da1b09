/**
 * JQL search (GET and POST /rest/api/3/search/jql): nextPageToken paging, ids only unless `fields`
 * are asked for, results from the lagging index (reconcileIssues reads those ids consistently).
 * The retired /rest/api/3/search answers 410 as Jira Cloud does.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { actorOf, type JiraSimContext } from '../context';
import { JqlError, parseJql, type JqlExpr } from '../jql';
import { matches, sortIssues } from '../jql-eval';
import { JiraError } from '../store';
import type { SimIssue } from '../types';
import { listParam } from './issues';

export interface SearchInput {
  jql?: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string;
  properties?: string[];
  reconcileIssues?: number[];
}

const REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

function projectsNamed(expr: JqlExpr | undefined): string[] {
  if (!expr) return [];
  if (expr.kind === 'and' || expr.kind === 'or') return [...projectsNamed(expr.left), ...projectsNamed(expr.right)];
  if (expr.kind === 'not') return projectsNamed(expr.expr);
  if (expr.kind !== 'clause' || expr.field.toLowerCase() !== 'project') return [];
  const values = expr.value.kind === 'list' ? expr.value.values : [expr.value];
  return values.flatMap((v) => (v.kind === 'string' ? [v.value] : []));
}

export function runSearch(ctx: JiraSimContext, actor: string, input: SearchInput) {
  const { store, render } = ctx;
  const jql = input.jql ?? '';
  let query;
  try {
    query = parseJql(jql);
  } catch (err) {
    if (err instanceof JqlError) throw new JiraError(400, [err.message]);
    throw err;
  }
  if (!query.where)
    throw new JiraError(400, [
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    ]);
  const missing = projectsNamed(query.where).filter((p) => !store.project(p));
  if (missing.length > 0)
    throw new JiraError(
      400,
      missing.map((p) => `The value '${p}' does not exist for the field 'project'.`),
    );

  const queryHash = createHash('sha1').update(jql).digest('hex').slice(0, 12);
  let offset = 0;
  if (input.nextPageToken) {
    try {
      const token = JSON.parse(Buffer.from(input.nextPageToken, 'base64url').toString('utf8')) as {
        o: number;
        q: string;
      };
      if (token.q !== queryHash || !Number.isInteger(token.o)) throw new Error('mismatch');
      offset = token.o;
    } catch {
      throw new JiraError(400, ['The provided next page token is invalid or expired.']);
    }
  }
  const wantsFields = (input.fields ?? []).some((f) => f !== 'id');
  const maxResults = Math.max(1, Math.min(input.maxResults ?? 50, wantsFields ? 100 : 5000));

  const evalCtx = { store, currentAccountId: actor, now: store.now(), propertyIndex: ctx.propertyIndex };
  const byId = new Map<string, SimIssue>(store.searchableIssues().map((doc) => [doc.id, doc]));
  for (const id of input.reconcileIssues ?? []) {
    const fresh = store.freshDoc(String(id));
    if (fresh) byId.set(fresh.id, fresh);
    else byId.delete(String(id));
  }
  let hits: SimIssue[];
  try {
    hits = sortIssues(
      evalCtx,
      [...byId.values()].filter((doc) => matches(evalCtx, doc, query.where)),
      query.orderBy,
    );
  } catch (err) {
    if (err instanceof JqlError) throw new JiraError(400, [err.message]);
    throw err;
  }
  const slice = hits.slice(offset, offset + maxResults);
  const isLast = offset + maxResults >= hits.length;
  const issues = slice
    .map((doc) => store.issue(doc.id))
    .filter((issue): issue is SimIssue => Boolean(issue))
    .map((issue) =>
      wantsFields || input.properties?.length || input.expand
        ? render.issue(issue, { fields: input.fields ?? ['id'], expand: input.expand, properties: input.properties })
        : { id: issue.id },
    );
  return {
    issues,
    ...(isLast
      ? {}
      : { nextPageToken: Buffer.from(JSON.stringify({ o: offset + maxResults, q: queryHash })).toString('base64url') }),
    isLast,
  };
}

export function searchRoutes(ctx: JiraSimContext) {
  return async function plugin(app: FastifyInstance) {
    app.get('/rest/api/3/search/jql', async (request) => {
      const q = request.query as Record<string, unknown>;
      return runSearch(ctx, actorOf(request), {
        jql: q.jql as string | undefined,
        nextPageToken: q.nextPageToken as string | undefined,
        maxResults: q.maxResults === undefined ? undefined : Number(q.maxResults),
        fields: listParam(q.fields),
        expand: q.expand as string | undefined,
        properties: listParam(q.properties),
        reconcileIssues: listParam(q.reconcileIssues)?.map(Number),
      });
    });

    app.post('/rest/api/3/search/jql', async (request) => {
      const body = (request.body ?? {}) as SearchInput;
      return runSearch(ctx, actorOf(request), {
        ...body,
        fields: listParam(body.fields),
        properties: listParam(body.properties),
      });
    });

    const removed = async (_request: unknown, reply: { code: (n: number) => { send: (b: unknown) => unknown } }) =>
      reply.code(410).send({ errorMessages: [REMOVED], errors: {} });
    app.get('/rest/api/3/search', removed);
    app.post('/rest/api/3/search', removed);
  };
}
