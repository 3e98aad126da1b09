/**
 * Request pipeline of the Jira API (not /_sim/): authenticate → rate limit → validate against the
 * OpenAPI spec (after body parsing) → route. Errors come out in Jira's `{ errorMessages, errors }`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callLogEntryOf } from '../shared/control-call-log';
import { setActor, type JiraSimContext } from './context';
import { JiraError } from './store';

export const isControlPath = (path: string) => path.startsWith('/_sim/');

function validate(ctx: JiraSimContext, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const path = request.url.split('?')[0];
  const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/');
  const outcome = ctx.validator.validate({
    method: request.method,
    path,
    query: { ...(request.query as Record<string, unknown>) },
    headers: request.headers,
    // Multipart bodies are streamed to the handler; the spec's part schema has nothing to check.
    body: multipart ? [{}] : request.body,
  });
  if (outcome.errors.length === 0) return undefined;
  ctx.violations.record(request.method, path, outcome.errors);
  if (!outcome.known) {
    return reply
      .code(404)
      .send({ errorMessages: [`No Jira REST operation matches ${request.method} ${path}.`], errors: {} });
  }
  return reply
    .code(400)
    .send({ errorMessages: outcome.errors.map((e) => `Request does not match the API: ${e.message}`), errors: {} });
}

export function installJiraHooks(app: FastifyInstance, ctx: JiraSimContext): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (isControlPath(path)) return;
    const auth = ctx.auth.authenticate(request.headers.authorization);
    if (!auth.ok) return reply.code(auth.status).headers(auth.headers).send(auth.body);
    setActor(request, auth.accountId);
    const entry = callLogEntryOf(request);
    if (entry) entry.actor = auth.accountId;
    const decision = ctx.rateLimiter.check(auth.credential);
    reply.headers(decision.headers);
    if (!decision.allowed) {
      return reply.code(429).send({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (isControlPath(path)) return;
    return validate(ctx, request, reply);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0];
    if (!isControlPath(path)) {
      const outcome = ctx.validator.validate({
        method: request.method,
        path,
        query: {},
        headers: request.headers,
        body: request.body,
      });
      if (!outcome.known) ctx.violations.record(request.method, path, outcome.errors);
    }
    return reply
      .code(404)
      .send({ errorMessages: [`The simulator does not implement ${request.method} ${path}.`], errors: {} });
  });

  app.setErrorHandler(async (error: FastifyError | JiraError, request, reply) => {
    if (error instanceof JiraError) return reply.code(error.status).send(error.toBody());
    if ((error as { name?: string }).name === 'ZodError') return reply.code(400).send({ error: error.message });
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ errorMessages: [error.message], errors: {} });
    }
    request.log.error({ err: error }, 'jira simulator failure');
    return reply.code(500).send({ errorMessages: ['Internal server error'], errors: {} });
  });
}

/** Accepts empty JSON bodies (DELETE with a content-type) and any JSON value (issue properties). */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new JiraError(400, ['Unexpected character in JSON body: the request body is not valid JSON.']), undefined);
    }
  });
}
