import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { v3Errors } from '../errors';
import { followers, setFollowers } from '../item-actions';
import { requireItem } from './item-routes';

/** follower_ids from the JSON body, or (for DELETE) a JSON-array query parameter. */
function followerIds(req: FastifyRequest): string[] {
  let ids: unknown = (req.body as { follower_ids?: unknown } | undefined)?.follower_ids;
  const q = (req.query as { follower_ids?: string }).follower_ids;
  if (ids === undefined && q !== undefined) {
    try {
      ids = JSON.parse(q);
    } catch {
      ids = q.split(',');
    }
  }
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw v3Errors.missing('follower_ids');
  return ids as string[];
}

/**
 * Followers are documented for issues only; a task's …/followers has no route, so it answers
 * URL_RULE_NOT_CONFIGURED like the real API.
 */
export async function followerRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  for (const module of ['issues'] as const) {
    const path = `/api/v3/portal/:portalId/projects/:projectId/${module}/:itemId/followers`;
    app.get(path, { config: { zohoScopes: SCOPES.read(module) } }, async (req) => ({
      followers: followers(state, requireItem(state, req, module)),
    }));
    for (const [method, add] of [
      ['POST', true],
      ['DELETE', false],
    ] as const) {
      app.route({
        method,
        url: path,
        config: { zohoScopes: SCOPES.update(module) },
        handler: async (req) => {
          const item = requireItem(state, req, module);
          const err = setFollowers(state, item, followerIds(req), add);
          if (err) throw err;
          return { followers: followers(state, item) };
        },
      });
    }
  }
}
