/** Comments with ADF bodies. */
import type { FastifyInstance } from 'fastify';
import { actorOf, type JiraSimContext } from '../context';
import { addComment, deleteComment, requireComment, updateComment } from '../issue-activity';

type CommentParams = { issueIdOrKey: string; id: string };

export function commentRoutes(ctx: JiraSimContext) {
  const { store, render } = ctx;

  return async function plugin(app: FastifyInstance) {
    app.get('/rest/api/3/issue/:issueIdOrKey/comment', async (request) => {
      const q = request.query as { startAt?: string; maxResults?: string; orderBy?: string };
      const issue = store.requireIssue((request.params as CommentParams).issueIdOrKey);
      const startAt = Number(q.startAt ?? 0);
      const maxResults = Math.min(Number(q.maxResults ?? 5000), 5000);
      const ordered = [...issue.comments].sort((a, b) => Number(a.id) - Number(b.id));
      if (q.orderBy === '-created' || q.orderBy === '-updated') ordered.reverse();
      return {
        startAt,
        maxResults,
        total: ordered.length,
        comments: ordered.slice(startAt, startAt + maxResults).map((c) => render.comment(c)),
      };
    });

    app.post('/rest/api/3/issue/:issueIdOrKey/comment', async (request, reply) => {
      const body = (request.body ?? {}) as { body?: unknown };
      const comment = addComment(store, actorOf(request), (request.params as CommentParams).issueIdOrKey, body.body);
      return reply.code(201).send(render.comment(comment));
    });

    app.get('/rest/api/3/issue/:issueIdOrKey/comment/:id', async (request) => {
      const p = request.params as CommentParams;
      return render.comment(requireComment(store, p.issueIdOrKey, p.id));
    });

    app.put('/rest/api/3/issue/:issueIdOrKey/comment/:id', async (request) => {
      const p = request.params as CommentParams;
      const body = (request.body ?? {}) as { body?: unknown };
      return render.comment(updateComment(store, actorOf(request), p.issueIdOrKey, p.id, body.body));
    });

    app.delete('/rest/api/3/issue/:issueIdOrKey/comment/:id', async (request, reply) => {
      const p = request.params as CommentParams;
      deleteComment(store, actorOf(request), p.issueIdOrKey, p.id);
      return reply.code(204).send();
    });
  };
}
