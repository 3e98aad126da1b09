/**
 * Authentication as Jira Cloud does it for an app: `Authorization: Bearer <token>` (the Forge system
 * token), plus Basic `email:apiToken` for the standalone mode. Tokens can be expired at any time
 * to reproduce what happens when a stored system token runs out.
 */
export interface TokenGrant {
  accountId: string;
  expired: boolean;
}

export type AuthOutcome =
  | { ok: true; accountId: string; credential: string }
  | { ok: false; status: 401; body: unknown; headers: Record<string, string> };

export class JiraAuth {
  readonly tokens = new Map<string, TokenGrant>();
  /** email → API token (Basic auth). */
  readonly apiTokens = new Map<string, string>();

  constructor(
    tokens: Record<string, string>,
    apiTokens: Record<string, string>,
    private readonly accountIdByEmail: (email: string) => string | undefined,
  ) {
    for (const [token, accountId] of Object.entries(tokens)) this.addToken(token, accountId);
    for (const [email, token] of Object.entries(apiTokens)) this.apiTokens.set(email.toLowerCase(), token);
  }

  addToken(token: string, accountId: string): void {
    this.tokens.set(token, { accountId, expired: false });
  }

  expireToken(token: string): void {
    const grant = this.tokens.get(token);
    if (grant) grant.expired = true;
  }

  authenticate(header: string | undefined): AuthOutcome {
    const [scheme, value = ''] = (header ?? '').split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') {
      const grant = this.tokens.get(value.trim());
      if (grant && !grant.expired)
        return { ok: true, accountId: grant.accountId, credential: `bearer:${value.slice(-6)}` };
      // What api.atlassian.com answers for an expired or unknown OAuth/system token.
      return {
        ok: false,
        status: 401,
        body: { code: 401, message: 'Unauthorized' },
        headers: { 'WWW-Authenticate': 'Bearer realm="api.atlassian.com", error="invalid_token"' },
      };
    }
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const email = decoded.slice(0, colon).toLowerCase();
      const token = decoded.slice(colon + 1);
      const accountId = this.accountIdByEmail(email);
      if (colon > 0 && accountId && this.apiTokens.get(email) === token)
        return { ok: true, accountId, credential: `basic:${email}` };
    }
    return {
      ok: false,
      status: 401,
      body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} },
      headers: { 'WWW-Authenticate': 'OAuth realm="https%3A%2F%2Fsim.atlassian.net"' },
    };
  }
}
