/** Issue properties (key ≤ 255 chars, JSON value ≤ 32 KB), searchable through JQL after the index lag. */
import type { FastifyInstance } from 'fastify';
import { actorOf, type JiraSimContext } from '../context';
import { deleteIssueProperty, setIssueProperty } from '../issue-activity';
import { JiraError } from '../store';

type PropertyParams = { issueIdOrKey: string; propertyKey: string };

export function propertyRoutes(ctx: JiraSimContext) {
  const { store } = ctx;
  const self = (issueId: string, key: string) =>
    `${ctx.baseUrl}/rest/api/3/issue/${issueId}/properties/${encodeURIComponent(key)}`;

  return async function plugin(app: FastifyInstance) {
    app.get('/rest/api/3/issue/:issueIdOrKey/properties', async (request) => {
      const issue = store.requireIssue((request.params as PropertyParams).issueIdOrKey);
      return { keys: Object.keys(issue.properties).map((key) => ({ self: self(issue.id, key), key })) };
    });

    app.get('/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', async (request) => {
      const p = request.params as PropertyParams;
      const issue = store.requireIssue(p.issueIdOrKey);
      if (!(p.propertyKey in issue.properties))
        throw new JiraError(404, [`The property with key '${p.propertyKey}' does not exist.`]);
      return { key: p.propertyKey, value: issue.properties[p.propertyKey] };
    });

    app.put('/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', async (request, reply) => {
      const p = request.params as PropertyParams;
      const created = setIssueProperty(store, actorOf(request), p.issueIdOrKey, p.propertyKey, request.body);
      return reply.code(created ? 201 : 200).send();
    });

    app.delete('/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', async (request, reply) => {
      const p = request.params as PropertyParams;
      deleteIssueProperty(store, actorOf(request), p.issueIdOrKey, p.propertyKey);
      return reply.code(204).send();
    });
  };
}
