/**
 * Zoho accounts OAuth for a Self Client: code exchange, refresh, revoke, user profile.
 * Zoho answers errors as `{ "error": "<code>" }` with HTTP 200 or 400, so the body decides, not the
 * status. Failures become ZohoAuthError with a message that names the input most likely wrong
 * (the product guide's troubleshooting: data center, Client ID, Client Secret, Code, scopes).
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { FAILURE_TYPES, HttpFailure } from '../http/failures';
import { createHttpClient, readJson, type HttpClient } from '../http/request';
import type { OnCall } from '../http/types';
import { ZOHO_DATA_CENTERS, zohoHosts, type DataCenterId, type ZohoHostOverrides } from './data-centers';

export const ZOHO_AUTH_ERROR_CODES = [
  'invalid_code',
  'code_expired_or_used',
  'invalid_client',
  'invalid_client_secret',
  'scope_missing',
  'wrong_data_center',
  'revoked',
  'network',
] as const;
export type ZohoAuthErrorCode = (typeof ZOHO_AUTH_ERROR_CODES)[number];

export class ZohoAuthError extends ApplicationFailure {
  constructor(
    readonly code: ZohoAuthErrorCode,
    message: string,
  ) {
    super(message, FAILURE_TYPES.zohoAuth, code !== 'network');
  }
}

export interface ZohoTokens {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  apiDomain?: string;
}
export interface ZohoExchangeResult extends ZohoTokens {
  refreshToken: string;
  apiDomain: string;
}

export interface ZohoOAuthContext {
  dataCenter: DataCenterId;
  overrides?: ZohoHostOverrides;
  http?: HttpClient;
  onCall?: OnCall;
  now?: () => number;
  /** Compare Zoho's api_domain with the chosen data center (default: on unless ZOHO_ACCOUNTS_URL is overridden). */
  checkDataCenter?: boolean;
}

const tokenBody = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  api_domain: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** A Zoho authorization code looks like `1000.<hex>.<hex>`. */
const WELL_FORMED_CODE = /^1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}$/i;

function describe(dcName: string, err: string, code?: string): ZohoAuthError {
  switch (err) {
    case 'invalid_client':
      return new ZohoAuthError(
        'invalid_client',
        // Zoho answers invalid_client for an unknown Client ID and for a wrong Client Secret alike.
        `Zoho (${dcName} data center) rejected the Client ID or the Client Secret. Copy both again from the same Self Client in the Zoho API Console, and check that the selected data center is the one where the Self Client was created.`,
      );
    case 'invalid_client_secret':
      return new ZohoAuthError(
        'invalid_client_secret',
        'Zoho rejected the Client Secret for this Client ID. Copy the Client Secret again from the Self Client in the Zoho API Console.',
      );
    case 'invalid_scope':
    case 'scope_missing':
      return new ZohoAuthError(
        'scope_missing',
        'The code was generated without the required Zoho Projects scopes. Generate a new code with the full scope set from the setup guide.',
      );
    case 'invalid_code':
      if (code !== undefined && WELL_FORMED_CODE.test(code)) {
        return new ZohoAuthError(
          'code_expired_or_used',
          `Zoho rejected the Code: it has expired (codes last only a few minutes) or was already used, or it was generated for another Self Client or data center (selected: ${dcName}). Generate a new code and save within a few minutes.`,
        );
      }
      return new ZohoAuthError(
        'invalid_code',
        `Zoho rejected the Code. Paste the whole code from the Self Client's Generate Code tab (it starts with "1000."), and check the selected data center (${dcName}).`,
      );
    default:
      return new ZohoAuthError(
        'invalid_code',
        `Zoho refused the authorization (${err.slice(0, 80)}). Verify the data center, Client ID, Client Secret and Code.`,
      );
  }
}

async function tokenCall(
  ctx: ZohoOAuthContext,
  form: Record<string, string>,
  code?: string,
): Promise<z.infer<typeof tokenBody>> {
  const hosts = zohoHosts(ctx.dataCenter, ctx.overrides);
  const dcName = ZOHO_DATA_CENTERS[ctx.dataCenter].name;
  const http = ctx.http ?? createHttpClient({ service: 'zoho-accounts', onCall: ctx.onCall, timeoutMs: 20_000 });
  try {
    const res = await http.send({ method: 'POST', url: `${hosts.accounts}/oauth/v2/token`, form });
    const body = await readJson('zoho-accounts', res, 'POST /oauth/v2/token');
    const err = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
    if (typeof err === 'string') throw describe(dcName, err, code);
    if (res.status >= 500 || res.status === 429) {
      throw new ZohoAuthError(
        'network',
        `Zoho accounts server (${dcName}) answered HTTP ${res.status}; try again in a minute.`,
      );
    }
    const parsed = tokenBody.safeParse(body);
    if (res.status >= 400 || !parsed.success) {
      throw new ZohoAuthError(
        'invalid_code',
        `Zoho accounts server (${dcName}) answered HTTP ${res.status} without tokens. Verify the data center, Client ID, Client Secret and Code.`,
      );
    }
    return parsed.data;
  } catch (e) {
    if (e instanceof ZohoAuthError) throw e;
    if (e instanceof HttpFailure) {
      throw new ZohoAuthError(
        'network',
        `Could not reach Zoho's ${dcName} accounts server (${hosts.accounts}). Check the selected data center and the network.`,
      );
    }
    throw e;
  } finally {
    if (!ctx.http) await http.close();
  }
}

/** The api_domain Zoho reports names the account's real data center (e.g. https://www.zohoapis.eu). */
function dataCenterOfApiDomain(apiDomain: string): DataCenterId | undefined {
  const host = apiDomain
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  // www.zohoapis.<tld> → zoho.<tld>; Canada's API domain is zohoapis.ca for accounts.zohocloud.ca.
  let suffix = host.replace(/^(www\.)?zohoapis\./, 'zoho.');
  if (suffix === 'zoho.ca' || suffix === 'zohocloud.ca') suffix = 'zohocloud.ca';
  const match = Object.values(ZOHO_DATA_CENTERS).find((dc) => dc.accounts.endsWith(`//accounts.${suffix}`));
  return match?.id;
}

export async function exchangeCode(
  input: { dataCenter: DataCenterId; clientId: string; clientSecret: string; code: string },
  ctx: Omit<ZohoOAuthContext, 'dataCenter'> = {},
): Promise<ZohoExchangeResult> {
  const c: ZohoOAuthContext = { ...ctx, dataCenter: input.dataCenter };
  const now = ctx.now ?? Date.now;
  const body = await tokenCall(
    c,
    {
      grant_type: 'authorization_code',
      client_id: input.clientId.trim(),
      client_secret: input.clientSecret.trim(),
      code: input.code.trim(),
    },
    input.code.trim(),
  );
  if (!body.refresh_token) {
    throw new ZohoAuthError(
      'code_expired_or_used',
      'Zoho returned no refresh token for this Code. Generate a new code from the Self Client and save again.',
    );
  }
  const apiDomain = body.api_domain ?? '';
  const check = ctx.checkDataCenter ?? !ctx.overrides?.ZOHO_ACCOUNTS_URL;
  const actual = apiDomain && check ? dataCenterOfApiDomain(apiDomain) : undefined;
  if (actual && actual !== input.dataCenter) {
    throw new ZohoAuthError(
      'wrong_data_center',
      `This Zoho account lives in the ${ZOHO_DATA_CENTERS[actual].name} data center, not ${ZOHO_DATA_CENTERS[input.dataCenter].name}. Select ${ZOHO_DATA_CENTERS[actual].name} and generate a new code.`,
    );
  }
  return {
    refreshToken: body.refresh_token,
    accessToken: body.access_token,
    expiresAt: now() + (body.expires_in ?? 3600) * 1000,
    apiDomain,
  };
}

export async function refreshAccessToken(
  input: { dataCenter: DataCenterId; clientId: string; clientSecret: string; refreshToken: string },
  ctx: Omit<ZohoOAuthContext, 'dataCenter'> = {},
): Promise<ZohoTokens> {
  const now = ctx.now ?? Date.now;
  try {
    const body = await tokenCall(
      { ...ctx, dataCenter: input.dataCenter },
      {
        grant_type: 'refresh_token',
        client_id: input.clientId,
        client_secret: input.clientSecret,
        refresh_token: input.refreshToken,
      },
    );
    return {
      accessToken: body.access_token,
      expiresAt: now() + (body.expires_in ?? 3600) * 1000,
      apiDomain: body.api_domain,
    };
  } catch (e) {
    if (e instanceof ZohoAuthError && (e.code === 'invalid_code' || e.code === 'code_expired_or_used')) {
      throw new ZohoAuthError(
        'revoked',
        'Zoho no longer accepts the saved connection (refresh token revoked or deleted). Reconnect Zoho Projects in the admin page.',
      );
    }
    throw e;
  }
}

/** Revokes a refresh token (and its access tokens). Best effort: returns false when Zoho said no. */
export async function revokeRefreshToken(
  input: { dataCenter: DataCenterId; refreshToken: string },
  ctx: Omit<ZohoOAuthContext, 'dataCenter'> = {},
): Promise<boolean> {
  const hosts = zohoHosts(input.dataCenter, ctx.overrides);
  const http = ctx.http ?? createHttpClient({ service: 'zoho-accounts', onCall: ctx.onCall, timeoutMs: 20_000 });
  try {
    const res = await http.send({
      method: 'POST',
      url: `${hosts.accounts}/oauth/v2/token/revoke`,
      query: { token: input.refreshToken },
    });
    const body = await readJson('zoho-accounts', res, 'POST /oauth/v2/token/revoke');
    return res.status < 300 && !(body && typeof body === 'object' && 'error' in body);
  } finally {
    if (!ctx.http) await http.close();
  }
}

export interface ZohoUserProfile {
  zuid?: string;
  name: string | null;
  email: string | null;
}

/** The token owner's profile (scope AaaServer.profile.Read). Null when unavailable: never fatal. */
export async function fetchZohoUser(
  input: { dataCenter: DataCenterId; accessToken: string },
  ctx: Omit<ZohoOAuthContext, 'dataCenter'> = {},
): Promise<ZohoUserProfile | null> {
  const hosts = zohoHosts(input.dataCenter, ctx.overrides);
  const http = ctx.http ?? createHttpClient({ service: 'zoho-accounts', onCall: ctx.onCall, timeoutMs: 10_000 });
  try {
    const res = await http.send({
      method: 'GET',
      url: `${hosts.accounts}/oauth/user/info`,
      headers: { authorization: `Zoho-oauthtoken ${input.accessToken}` },
    });
    const body = await readJson('zoho-accounts', res, 'GET /oauth/user/info');
    if (res.status >= 300 || !body || typeof body !== 'object') return null;
    const b = body as Record<string, unknown>;
    const s = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
    const name = s(b.Display_Name) ?? ([s(b.First_Name), s(b.Last_Name)].filter(Boolean).join(' ') || null);
    return { zuid: b.ZUID !== undefined ? String(b.ZUID) : undefined, name, email: s(b.Email) };
  } catch {
    return null;
  } finally {
    if (!ctx.http) await http.close();
  }
}

/** Maps an API failure seen right after connecting (e.g. INVALID_OAUTHSCOPE) to the admin's wording. */
export function connectionProbeError(err: unknown): ZohoAuthError | undefined {
  if (err instanceof HttpFailure && err.apiCode === 'INVALID_OAUTHSCOPE') {
    return new ZohoAuthError(
      'scope_missing',
      'The code was generated without the required Zoho Projects scopes. Generate a new code with the full scope set from the setup guide.',
    );
  }
  return undefined;
}
