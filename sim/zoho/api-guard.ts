import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZohoSimContext } from './context';
import { sendV3Error, V3Error, v3Errors } from './errors';
import { scopeCovers } from './oauth';
import { rateLimitHeaders } from './rate-limit';

/**
 * One onRequest hook for every simulated call (the control API under /_sim is exempt):
 * call log → injected faults → (API only) OAuth token → per-endpoint rate limit → scope.
 */
export function registerApiGuard(app: FastifyInstance, ctx: ZohoSimContext): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/_sim')) return;
    const path = req.url.split('?')[0];
    const endpoint = `${req.method} ${req.routeOptions.url ?? path}`;
    const call = ctx.log.start({ time: ctx.state.clock.iso(), method: req.method, path: req.url, endpoint });
    req.zohoCall = call;

    if (await applyFaults(ctx, req, reply, path, endpoint)) return reply;
    if (!isApiPath(path)) return;

    const token = bearer(req.headers.authorization);
    if (!token) return sendV3Error(reply, v3Errors.invalidTicket());
    const grant = ctx.oauth.authenticate(token);
    const user = grant && ctx.state.userByZuid(grant.userZuid);
    if (!grant || !user)
      return sendV3Error(reply, v3Errors.invalidOauthToken(ctx.state.config.switches.invalidOauthTokenStatus));
    req.zohoGrant = grant;
    req.zohoUser = user;
    call.userZuid = user.zuid;

    const decision = ctx.limiter.check(user.zuid, endpoint);
    reply.headers(rateLimitHeaders(decision));
    if (!decision.allowed) {
      const style = ctx.state.config.switches.rateLimitStyle;
      if (style === '400') reply.removeHeader('Retry-After');
      return sendV3Error(reply, v3Errors.throttled(style === '400' ? 400 : 429));
    }

    const scopes = req.routeOptions.config?.zohoScopes;
    if (scopes && !scopes.some((s) => scopeCovers(grant.scopes, s)))
      return sendV3Error(reply, v3Errors.invalidOauthScope(scopes[0]));
    return undefined;
  });

  // "Response lost after the write was applied": the handler ran, then the socket dies.
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.zohoDropResponse) req.raw.socket?.destroy();
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (req.zohoCall && !req.zohoDropResponse) req.zohoCall.status = reply.statusCode;
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/v3/')) return sendV3Error(reply, v3Errors.urlRuleNotConfigured());
    return reply.code(404).send({ error: 'not_found' });
  });

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (err instanceof V3Error) return sendV3Error(reply, err);
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      return sendV3Error(reply, v3Errors.jsonParse());
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return sendV3Error(
        reply,
        new V3Error(413, 'FILE_SIZE_EXCEEDED', 'FIELDS_VALIDATION_ERROR', [{ message: 'File too large.' }]),
      );
    }
    if (err.statusCode && err.statusCode < 500)
      return sendV3Error(reply, v3Errors.invalidValue('request', err.message));
    req.log.error(err);
    return sendV3Error(reply, v3Errors.internal());
  });
}

/** Projects V3 and the WorkDrive download paths need the OAuth header; the accounts host does not. */
function isApiPath(path: string): boolean {
  return (
    path.startsWith('/api/v3/') || path.startsWith('/v1/workdrive/download/') || path.startsWith('/api/v1/download/')
  );
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^(Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(header.trim()) : null;
  return m ? m[2] : undefined;
}

/** Returns true when a fault already answered (or killed) the request. */
async function applyFaults(
  ctx: ZohoSimContext,
  req: FastifyRequest,
  reply: FastifyReply,
  path: string,
  endpoint: string,
): Promise<boolean> {
  const fired = ctx.faults.take(req.method, path, endpoint);
  if (!fired.length) return false;
  req.zohoCall?.faults.push(...fired.map((f) => f.kind));
  for (const f of fired) if (f.kind === 'latency') await sleep(f.latencyMs ?? 1000);
  for (const f of fired) {
    switch (f.kind) {
      case 'token-expiry': {
        const token = bearer(req.headers.authorization);
        if (token) ctx.oauth.expireAccessTokens(token);
        break;
      }
      case 'lost-response':
        req.zohoDropResponse = true;
        break;
      case 'reset':
        reply.hijack();
        req.raw.socket?.destroy();
        return true;
      case 'status':
        sendV3Error(
          reply,
          (f.status ?? 500) === 500 ? v3Errors.internal() : v3Errors.serviceUnavailable(f.status ?? 503),
        );
        return true;
      case 'rate-limit':
        reply.header('Retry-After', String(f.retryAfterSec ?? 60));
        sendV3Error(reply, v3Errors.throttled(429));
        return true;
      default:
        break;
    }
  }
  return false;
}
