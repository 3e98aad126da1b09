/**
 * Authentication for every route, in ONE hook. Each route declares `config: { auth }`:
 * - 'admin'        a valid FIT from the admin-page module only
 * - 'panel'        a valid FIT from the issue-panel module only
 * - 'forge-event'  a valid FIT from the trigger module bound to the route (trigger-modules.ts)
 * - 'webhook'      HMAC-SHA256 of the raw body in X-Hub-Signature (Jira admin webhooks)
 * - 'none'         public (health, OpenAPI, dev routes)
 * Routes under /api/ that declare nothing are refused. Any failure is 401 `unauthorized`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody } from '../errors';
import { bearerToken, FitError, type FitVerifier, type ForgeInvocation } from './fit-verifier';
import { triggerRouteRefusal } from './trigger-modules';

export type AuthMode = 'admin' | 'panel' | 'forge-event' | 'webhook' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
  interface FastifyRequest {
    /** Set by the auth hook for FIT-authenticated routes. */
    forge?: ForgeInvocation;
    /** Raw request body, kept only by routes that verify a body signature. */
    rawBody?: string;
  }
}

export interface ForgeAuthOptions {
  verifyFit: FitVerifier;
  adminModuleKey: string;
  panelModuleKey: string;
  /** HMAC secret of the webhook ingress; webhook routes answer 401 when it is not configured. */
  webhookSecret?: string;
  /** Called after a FIT verifies, with the app system token when Forge sent one (stored encrypted). */
  onInvocation?: (
    invocation: ForgeInvocation,
    systemToken: string | undefined,
    request: FastifyRequest,
  ) => Promise<void>;
}

export const SYSTEM_TOKEN_HEADER = 'x-forge-oauth-system';

export function verifyHubSignature(secret: string, rawBody: string, header: string | undefined): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  const given = Buffer.from(m[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function deny(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(401).send(errorBody('unauthorized', message));
}

const forgeAuth: FastifyPluginAsync<ForgeAuthOptions> = async (app, opts) => {
  app.decorateRequest('forge', undefined);
  app.decorateRequest('rawBody', undefined);

  app.addHook('preValidation', async (request, reply) => {
    const mode = request.routeOptions.config?.auth;
    if (mode === undefined) {
      if (request.url.startsWith('/api/')) return deny(reply, 'This route declares no authentication and is closed.');
      return;
    }
    if (mode === 'none') return;
    if (mode === 'webhook') {
      if (!opts.webhookSecret) return deny(reply, 'The webhook ingress is not configured (WEBHOOK_SECRET).');
      const sig = request.headers['x-hub-signature'];
      if (!verifyHubSignature(opts.webhookSecret, request.rawBody ?? '', Array.isArray(sig) ? sig[0] : sig)) {
        return deny(reply, 'The webhook signature is missing or wrong.');
      }
      return;
    }
    let invocation: ForgeInvocation;
    try {
      invocation = await opts.verifyFit(bearerToken(request.headers.authorization));
    } catch (err) {
      request.log.warn({ reason: err instanceof FitError ? err.reason : 'error' }, 'FIT rejected');
      return deny(reply, 'The Forge invocation token is missing, invalid or expired.');
    }
    if (mode === 'admin' && invocation.moduleKey !== opts.adminModuleKey) {
      return deny(reply, 'This route accepts calls from the connector admin page only.');
    }
    if (mode === 'panel' && invocation.moduleKey !== opts.panelModuleKey) {
      return deny(reply, 'This route accepts calls from the Zoho Projects issue panel only.');
    }
    if (mode === 'forge-event') {
      const refusal = triggerRouteRefusal(request.routeOptions.url, invocation.moduleKey);
      if (refusal) {
        request.log.warn(
          { reason: refusal, installationId: invocation.installationId },
          'FIT refused on a trigger route',
        );
        return deny(reply, 'This route accepts calls from its Forge trigger only.');
      }
    }
    request.forge = invocation;
    const token = request.headers[SYSTEM_TOKEN_HEADER];
    if (opts.onInvocation) await opts.onInvocation(invocation, Array.isArray(token) ? token[0] : token, request);
  });
};

export default fp(forgeAuth, { name: 'forge-auth', fastify: '5.x' });

/** The verified invocation of an authenticated request (routes with a FIT auth mode only). */
export function invocationOf(request: FastifyRequest): ForgeInvocation {
  if (!request.forge) throw new Error('route reached without a verified Forge invocation');
  return request.forge;
}
