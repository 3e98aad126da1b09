import { randomBytes } from 'node:crypto';
import { ZOHO_PRODUCT_SCOPES } from './config';
import { tokenString } from './ids';
import type { ZohoSimState } from './store';

/**
 * Zoho accounts OAuth for Self Clients: single-use expiring codes, refresh tokens that never expire,
 * access tokens of one hour. Errors are `{ "error": "<code>" }` with HTTP 200 or 400 (zoho.md);
 * which code gets which status is UNCONFIRMED and kept in this table.
 */
export const TOKEN_ERROR_STATUS = {
  invalid_code: 200,
  invalid_client: 200,
  invalid_client_secret: 200,
  invalid_request: 400,
  unsupported_grant_type: 400,
} as const;
export type TokenErrorCode = keyof typeof TOKEN_ERROR_STATUS;

export class OAuthError {
  readonly httpStatus: number;
  constructor(readonly code: TokenErrorCode) {
    this.httpStatus = TOKEN_ERROR_STATUS[code];
  }
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  api_domain: string;
  token_type: 'Bearer';
  expires_in: number;
}

interface AuthCode {
  clientId: string;
  userZuid: string;
  scopes: string[];
  expiresAt: number;
}
interface RefreshGrant {
  clientId: string;
  userZuid: string;
  scopes: string[];
  accessTokens: string[];
  createdAt: number;
}
export interface AccessGrant {
  token: string;
  clientId: string;
  userZuid: string;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
}

const MAX_REFRESH_TOKENS_PER_USER = 20;
const MAX_ACCESS_TOKENS_PER_REFRESH = 30;

export class ZohoOAuth {
  private readonly codes = new Map<string, AuthCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, AccessGrant>();

  constructor(private readonly state: ZohoSimState) {}

  clear(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  /** Like the Self Client "Generate Code" tab. */
  generateCode(input: { clientId: string; scopes?: readonly string[]; expiresInMs?: number }): string {
    const client = this.state.clients.get(input.clientId);
    if (!client) throw new Error(`unknown Zoho client ${input.clientId}`);
    const code = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.codes.set(code, {
      clientId: client.clientId,
      userZuid: client.userZuid,
      scopes: [...(input.scopes ?? ZOHO_PRODUCT_SCOPES)],
      expiresAt: this.state.clock.now() + (input.expiresInMs ?? this.state.config.codeTtlMs),
    });
    return code;
  }

  exchangeCode(p: { client_id?: string; client_secret?: string; code?: string }): TokenResponse | OAuthError {
    const clientErr = this.checkClient(p.client_id, p.client_secret);
    if (clientErr) return clientErr;
    if (!p.code) return new OAuthError('invalid_code');
    const grant = this.codes.get(p.code);
    this.codes.delete(p.code); // single use, even when it fails below
    if (!grant || grant.clientId !== p.client_id || grant.expiresAt <= this.state.clock.now())
      return new OAuthError('invalid_code');
    const refreshToken = tokenString();
    this.refreshTokens.set(refreshToken, {
      clientId: grant.clientId,
      userZuid: grant.userZuid,
      scopes: grant.scopes,
      accessTokens: [],
      createdAt: this.state.clock.now(),
    });
    this.dropOldRefreshTokens(grant.clientId, grant.userZuid);
    const access = this.mintAccess(refreshToken);
    return {
      access_token: access.token,
      refresh_token: refreshToken,
      api_domain: this.state.config.apiDomain,
      token_type: 'Bearer',
      expires_in: 3600,
    };
  }

  /** New access token; no new refresh token (zoho.md). */
  refresh(p: { client_id?: string; client_secret?: string; refresh_token?: string }): TokenResponse | OAuthError {
    const clientErr = this.checkClient(p.client_id, p.client_secret);
    if (clientErr) return clientErr;
    const grant = p.refresh_token ? this.refreshTokens.get(p.refresh_token) : undefined;
    if (!grant || grant.clientId !== p.client_id) return new OAuthError('invalid_code');
    const access = this.mintAccess(p.refresh_token!);
    return {
      access_token: access.token,
      api_domain: this.state.config.apiDomain,
      token_type: 'Bearer',
      expires_in: 3600,
    };
  }

  /** Revoking a refresh token also kills its access tokens. Returns whether anything was revoked. */
  revoke(token: string): boolean {
    const grant = this.refreshTokens.get(token);
    if (grant) {
      for (const a of grant.accessTokens) this.accessTokens.delete(a);
      this.refreshTokens.delete(token);
      return true;
    }
    return this.accessTokens.delete(token);
  }

  /** The live grant behind an access token, or undefined when unknown, expired or revoked. */
  authenticate(token: string): AccessGrant | undefined {
    const g = this.accessTokens.get(token);
    if (!g || g.expiresAt <= this.state.clock.now()) return undefined;
    return g;
  }

  /** Expire access tokens now (all, or one). Refresh tokens stay valid. */
  expireAccessTokens(token?: string): number {
    let n = 0;
    const now = this.state.clock.now();
    for (const g of this.accessTokens.values()) {
      if (token === undefined || g.token === token) {
        g.expiresAt = Math.min(g.expiresAt, now);
        n += 1;
      }
    }
    return n;
  }

  /** Shortcut for tests: a refresh + access token pair without the code step. */
  issueTokens(input: { clientId: string; scopes?: readonly string[] }): TokenResponse {
    const client = this.state.clients.get(input.clientId);
    if (!client) throw new Error(`unknown Zoho client ${input.clientId}`);
    const code = this.generateCode(input);
    const res = this.exchangeCode({ client_id: client.clientId, client_secret: client.clientSecret, code });
    if (res instanceof OAuthError) throw new Error(res.code);
    return res;
  }

  counts(): { codes: number; refreshTokens: number; accessTokens: number } {
    return { codes: this.codes.size, refreshTokens: this.refreshTokens.size, accessTokens: this.accessTokens.size };
  }

  private checkClient(clientId?: string, secret?: string): OAuthError | undefined {
    if (!clientId) return new OAuthError('invalid_client');
    const client = this.state.clients.get(clientId);
    if (!client) return new OAuthError('invalid_client');
    if (client.clientSecret !== secret) return new OAuthError(this.state.config.switches.wrongSecretError);
    return undefined;
  }

  private mintAccess(refreshToken: string): AccessGrant {
    const grant = this.refreshTokens.get(refreshToken)!;
    const access: AccessGrant = {
      token: tokenString(),
      clientId: grant.clientId,
      userZuid: grant.userZuid,
      scopes: grant.scopes,
      expiresAt: this.state.clock.now() + this.state.config.accessTokenTtlMs,
      refreshToken,
    };
    this.accessTokens.set(access.token, access);
    grant.accessTokens.push(access.token);
    while (grant.accessTokens.length > MAX_ACCESS_TOKENS_PER_REFRESH)
      this.accessTokens.delete(grant.accessTokens.shift()!);
    return access;
  }

  private dropOldRefreshTokens(clientId: string, userZuid: string): void {
    const mine = [...this.refreshTokens.entries()].filter(
      ([, g]) => g.clientId === clientId && g.userZuid === userZuid,
    );
    for (const [token] of mine.slice(0, Math.max(0, mine.length - MAX_REFRESH_TOKENS_PER_USER))) this.revoke(token);
  }
}

/** True when the granted scopes cover `required` (same scope, or `<service>.<module>.ALL`), case-insensitive. */
export function scopeCovers(granted: readonly string[], required: string): boolean {
  const want = required.toLowerCase();
  const all = want.replace(/\.[a-z]+$/, '.all');
  return granted.some((s) => {
    const g = s.toLowerCase();
    return g === want || g === all;
  });
}
