/** The HTTP face of `sim.control` under /_sim/ (outside the Jira spec, never validated against it). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { JiraSimControl } from '../control';
import { demoSeed } from '../demo-data';
import type { JiraSeed } from '../types';

const faultSchema = z.object({
  kind: z.enum(['status', 'reset', 'latency', 'lost-response']),
  method: z.string().optional(),
  path: z.string().optional(),
  pathRegex: z.string().optional(),
  count: z.number().int().positive().optional(),
  status: z.number().int().min(100).max(599).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  latencyMs: z.number().nonnegative().optional(),
});

const configSchema = z.object({
  searchLagMs: z.number().nonnegative().optional(),
  rateLimit: z
    .object({
      budget: z.number().int().positive().optional(),
      windowMs: z.number().positive().optional(),
      ceilingPerSecond: z.number().positive().optional(),
    })
    .optional(),
  events: z
    .object({
      eventsUrl: z.string().url().optional(),
      eventsFormat: z.enum(['forge', 'webhook']).optional(),
      deliverOwnChanges: z.boolean().optional(),
      eventAttempts: z.number().int().positive().optional(),
      eventRetryDelayMs: z.number().nonnegative().optional(),
    })
    .optional(),
});

const actSchema = z.object({
  issue: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  transition: z.string().optional(),
  status: z.string().optional(),
  body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  commentId: z.string().optional(),
  filename: z.string().optional(),
  contentBase64: z.string().optional(),
  text: z.string().optional(),
  mimeType: z.string().optional(),
  key: z.string().optional(),
  value: z.unknown().optional(),
});

export function controlRoutes(control: JiraSimControl) {
  return async function plugin(app: FastifyInstance) {
    app.get('/_sim/health', async () => ({ ok: true }));

    app.post('/_sim/reset', async (request) => {
      const body = (request.body ?? {}) as { seed?: 'demo' | 'empty' | JiraSeed };
      const seed =
        body.seed === 'empty'
          ? { ...demoSeed(), issues: [] }
          : body.seed === 'demo' || !body.seed
            ? demoSeed()
            : body.seed;
      control.reset(seed);
      return { ok: true };
    });

    app.post('/_sim/issues', async (request) => control.seedIssue(request.body as never));

    app.post('/_sim/act/:accountId/:action', async (request, reply) => {
      const { accountId, action } = request.params as { accountId: string; action: string };
      const a = actSchema.parse(request.body ?? {});
      const user = control.as(accountId);
      const issue = a.issue ?? '';
      switch (action) {
        case 'create-issue':
          return user.createIssue({ fields: a.fields });
        case 'edit':
          user.editIssue(issue, a.fields ?? {});
          return { ok: true };
        case 'transition':
          user.transition(issue, a.transition ?? a.status ?? '');
          return { ok: true };
        case 'move':
          user.moveToStatus(issue, a.status ?? '');
          return { ok: true };
        case 'comment':
          return user.comment(issue, a.body ?? a.text ?? '');
        case 'edit-comment':
          user.editComment(issue, a.commentId ?? '', a.body ?? a.text ?? '');
          return { ok: true };
        case 'delete-comment':
          user.deleteComment(issue, a.commentId ?? '');
          return { ok: true };
        case 'attach': {
          const content =
            a.contentBase64 !== undefined ? Buffer.from(a.contentBase64, 'base64') : Buffer.from(a.text ?? '');
          return user.attach(issue, a.filename ?? 'file.txt', content, a.mimeType);
        }
        case 'set-property':
          user.setProperty(issue, a.key ?? '', a.value);
          return { ok: true };
        case 'delete-issue':
          user.deleteIssue(issue);
          return { ok: true };
        default:
          return reply.code(404).send({ error: `unknown action ${action}` });
      }
    });

    app.get('/_sim/calls', async (request) => {
      const q = request.query as { method?: string; path?: string };
      return control.calls({ method: q.method, path: q.path });
    });
    app.delete('/_sim/calls', async () => {
      control.clearCalls();
      return { ok: true };
    });

    app.get('/_sim/faults', async () =>
      control.faults().map((f) => ({ ...f, path: f.path instanceof RegExp ? f.path.source : f.path })),
    );
    app.post('/_sim/faults', async (request) => {
      const { pathRegex, ...rule } = faultSchema.parse(request.body);
      return { id: control.injectFault({ ...rule, path: pathRegex ? new RegExp(pathRegex) : rule.path }) };
    });
    app.delete('/_sim/faults', async () => {
      control.clearFaults();
      return { ok: true };
    });
    app.delete('/_sim/faults/:id', async (request) => {
      control.removeFault((request.params as { id: string }).id);
      return { ok: true };
    });

    app.post('/_sim/tokens', async (request) => {
      const { token, accountId } = z
        .object({ token: z.string().min(1), accountId: z.string().min(1) })
        .parse(request.body);
      control.addToken(token, accountId);
      return { ok: true };
    });
    app.post('/_sim/tokens/expire', async (request) => {
      control.expireToken(z.object({ token: z.string().min(1) }).parse(request.body).token);
      return { ok: true };
    });

    app.post('/_sim/violations/expect', async (request) => {
      control.expectViolation(
        z.object({ count: z.number().int().positive().default(1) }).parse(request.body ?? {}).count,
      );
      return { ok: true };
    });
    app.get('/_sim/violations', async () => control.violations());

    app.post('/_sim/config', async (request) => {
      const config = configSchema.parse(request.body ?? {});
      if (config.searchLagMs !== undefined) control.setSearchLag(config.searchLagMs);
      if (config.rateLimit) control.setRateLimit(config.rateLimit);
      if (config.events) control.setEvents(config.events);
      return { ok: true };
    });
    app.get('/_sim/events/deliveries', async () => control.eventDeliveries());
  };
}
