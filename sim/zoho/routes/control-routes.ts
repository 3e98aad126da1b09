import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZohoSimControl } from '../control';

const ref = z.object({ id: z.string() });
const moduleSchema = z.enum(['tasks', 'issues']);
const fault = z.object({
  kind: z.enum(['status', 'rate-limit', 'reset', 'latency', 'lost-response', 'token-expiry']),
  method: z.string().optional(),
  path: z.string().optional(),
  pathRegex: z.string().optional(),
  endpoint: z.string().optional(),
  status: z.number().int().optional(),
  retryAfterSec: z.number().optional(),
  latencyMs: z.number().optional(),
  times: z.number().optional(),
});

/** The control API over HTTP, for the dev console and scripts: /_sim/… (no auth, not logged). */
export async function controlRoutes(app: FastifyInstance, opts: { control: ZohoSimControl }): Promise<void> {
  const c = opts.control;
  const body = <T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> => schema.parse(raw ?? {});

  app.setErrorHandler((err, _req, reply) =>
    reply.code(400).send({ error: err instanceof Error ? err.message : String(err) }),
  );

  app.post('/_sim/reset', async (req) => {
    c.reset(body(z.object({ demo: z.boolean().optional(), auth: z.boolean().optional() }), req.body));
    return { ok: true };
  });
  app.post('/_sim/codes', async (req) => ({
    code: c.generateCode(
      body(
        z.object({ clientId: z.string(), scopes: z.array(z.string()).optional(), expiresInMs: z.number().optional() }),
        req.body,
      ),
    ),
  }));
  app.post('/_sim/tokens/expire', async (req) => ({
    expired: c.expireAccessTokens(body(z.object({ token: z.string().optional() }), req.body).token),
  }));
  app.post('/_sim/clock/advance', async (req) => {
    c.advanceTime(body(z.object({ ms: z.number() }), req.body).ms);
    return { now: new Date(c.now()).toISOString() };
  });
  app.get('/_sim/clock', async () => ({ now: new Date(c.now()).toISOString() }));
  app.post('/_sim/seed', async (req) => ({
    ids: c.seedItems(
      body(
        z.object({
          projectId: z.string(),
          count: z.number().int().min(1).max(100_000),
          module: moduleSchema.optional(),
        }),
        req.body,
      ),
    ),
  }));

  app.post('/_sim/records', async (req) => {
    const b = body(
      z.object({
        projectId: z.string(),
        module: moduleSchema,
        fields: z.record(z.string(), z.unknown()),
        asUser: z.string().optional(),
      }),
      req.body,
    );
    return c.createRecord(b.projectId, b.module, b.fields, b.asUser);
  });
  app.get('/_sim/records/:id', async (req) => c.getRecord(body(ref, req.params).id));
  app.patch('/_sim/records/:id', async (req) =>
    c.editRecord(body(ref, req.params).id, body(z.record(z.string(), z.unknown()), req.body)),
  );
  app.delete('/_sim/records/:id', async (req) => {
    c.deleteRecord(body(ref, req.params).id);
    return { ok: true };
  });
  app.post('/_sim/records/:id/status', async (req) =>
    c.changeStatus(body(ref, req.params).id, body(z.object({ status: z.string() }), req.body).status),
  );
  app.post('/_sim/records/:id/comments', async (req) => {
    const b = body(z.object({ html: z.string(), asUser: z.string().optional() }), req.body);
    return c.addComment(body(ref, req.params).id, b.html, b.asUser);
  });
  app.patch('/_sim/records/:id/comments/:commentId', async (req) => {
    const p = body(z.object({ id: z.string(), commentId: z.string() }), req.params);
    return c.editComment(p.id, p.commentId, body(z.object({ html: z.string() }), req.body).html);
  });
  app.delete('/_sim/records/:id/comments/:commentId', async (req) => {
    const p = body(z.object({ id: z.string(), commentId: z.string() }), req.params);
    c.deleteComment(p.id, p.commentId);
    return { ok: true };
  });
  app.post('/_sim/records/:id/associations', async (req) => {
    c.associate(body(ref, req.params).id, body(z.object({ with: z.string() }), req.body).with);
    return { ok: true };
  });
  app.post('/_sim/records/:id/attachments', async (req) => {
    const b = body(
      z.object({
        name: z.string(),
        contentBase64: z.string(),
        contentType: z.string().optional(),
        asUser: z.string().optional(),
      }),
      req.body,
    );
    return {
      id: c.attach(
        body(ref, req.params).id,
        { name: b.name, content: Buffer.from(b.contentBase64, 'base64'), contentType: b.contentType },
        b.asUser,
      ),
    };
  });
  app.post('/_sim/records/:id/followers', async (req) => {
    c.addFollower(body(ref, req.params).id, body(z.object({ user: z.string() }), req.body).user);
    return { ok: true };
  });

  app.get('/_sim/calls', async () => c.callLog());
  app.delete('/_sim/calls', async () => {
    c.clearCallLog();
    return { ok: true };
  });
  app.get('/_sim/call-counts', async () => c.callCounts());
  app.post('/_sim/faults', async (req) => {
    const { pathRegex, ...f } = body(fault, req.body);
    return { id: c.injectFault({ ...f, path: pathRegex ? new RegExp(pathRegex) : f.path }) };
  });
  app.delete('/_sim/faults', async () => {
    c.clearFaults();
    return { ok: true };
  });
  app.post('/_sim/switches', async (req) =>
    c.setSwitches(
      body(
        z.object({
          sortByModifiedTime: z.boolean().optional(),
          filterByModifiedTime: z.boolean().optional(),
          refuseModifiedTimeFilter: z.boolean().optional(),
          portalUtcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
          issueListOmitsModifiedTime: z.boolean().optional(),
          rateLimitStyle: z.enum(['429', '400']).optional(),
        }),
        req.body,
      ),
    ),
  );
  app.post('/_sim/rate-limit', async (req) => {
    c.setRateLimit(
      body(
        z.object({
          limit: z.number().int().optional(),
          windowMs: z.number().optional(),
          blockMs: z.number().optional(),
        }),
        req.body,
      ),
    );
    return { ok: true };
  });
  app.post('/_sim/rate-limit/reset', async () => {
    c.resetRateLimits();
    return { ok: true };
  });
}
