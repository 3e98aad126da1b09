import type { FastifyInstance } from 'fastify';
import type { ZohoSimContext } from '../context';
import { OAuthError, scopeCovers } from '../oauth';

type Params = Record<string, string | undefined>;

/**
 * Zoho accounts server: token exchange/refresh, revoke, and the user profile.
 * Zoho takes the token parameters as form fields or as query parameters; both work here.
 */
export async function accountsRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { oauth, state } = opts.ctx;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post('/oauth/v2/token', async (req, reply) => {
    const p: Params = { ...(req.query as Params), ...((req.body as Params | undefined) ?? {}) };
    let result;
    if (p.grant_type === 'authorization_code') result = oauth.exchangeCode(p);
    else if (p.grant_type === 'refresh_token') result = oauth.refresh(p);
    else result = new OAuthError(p.grant_type ? 'unsupported_grant_type' : 'invalid_request');
    if (result instanceof OAuthError) return reply.code(result.httpStatus).send({ error: result.code });
    return reply.code(200).send(result);
  });

  // Response shape UNCONFIRMED.
  app.post('/oauth/v2/token/revoke', async (req, reply) => {
    const token = (req.query as Params).token ?? ((req.body as Params | undefined) ?? {}).token;
    if (!token) return reply.code(400).send({ error: 'invalid_request' });
    oauth.revoke(token);
    return reply.code(200).send({ status: 'success' });
  });

  // AaaServer.profile.Read — path and shape UNCONFIRMED.
  app.get('/oauth/user/info', async (req, reply) => {
    const m = /^(Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const grant = m ? oauth.authenticate(m[2]) : undefined;
    if (!grant) return reply.code(401).send({ response: 'error', cause: 'invalid_oauthtoken' });
    if (!scopeCovers(grant.scopes, 'AaaServer.profile.READ'))
      return reply.code(401).send({ response: 'error', cause: 'invalid_oauthscope' });
    const user = state.userByZuid(grant.userZuid)!;
    return {
      First_Name: user.first_name,
      Last_Name: user.last_name,
      Email: user.email,
      Display_Name: user.name,
      ZUID: Number(user.zuid),
    };
  });
}
