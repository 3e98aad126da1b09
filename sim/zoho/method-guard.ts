import type { FastifyInstance } from 'fastify';
import { sendV3Error, v3Errors } from './errors';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/**
 * V3 answers a known URL called with the wrong verb (e.g. PUT on a task, which only takes PATCH)
 * with INVALID_METHOD. Call `track` before registering routes and `install` after.
 */
export function methodGuard(app: FastifyInstance): { install(): void } {
  const seen = new Map<string, Set<string>>();
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/v3/')) return;
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const set = seen.get(r.url) ?? new Set<string>();
    for (const m of methods) set.add(m.toUpperCase());
    seen.set(r.url, set);
  });
  return {
    install() {
      const todo = [...seen.entries()].map(([url, set]) => [url, METHODS.filter((m) => !set.has(m))] as const);
      for (const [url, missing] of todo) {
        if (missing.length)
          app.route({
            method: [...missing],
            url,
            handler: async (req, reply) => sendV3Error(reply, v3Errors.invalidMethod(req.method)),
          });
      }
    },
  };
}
