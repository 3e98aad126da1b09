/**
 * Options and switches of the Zoho Projects simulator.
 * Behaviour that zoho.md marks UNCONFIRMED lives behind a switch here, so a correction is one edit.
 */
import type { SimClockSource } from './clock';
import type { ZohoAttachmentShape } from './model';

// The scope bundle is a product fact (the setup guide's list); the simulator grants it by default.
export { ZOHO_PRODUCT_SCOPES } from '../../integrations/zoho/scopes';

/** Unconfirmed behaviour (zoho.md). Defaults follow what is confirmed. */
export interface ZohoSimSwitches {
  /** Honour `sort_by=ASC|DESC(last_modified_time)` on task/issue lists (documented form; off = ignored). */
  sortByModifiedTime: boolean;
  /** Honour the Filter Guide's `filter` param (criteria + pattern, yyyy-MM-dd; off = ignored). */
  filterByModifiedTime: boolean;
  /** Refuse any `filter` with 400 INVALID_PARAMETER_VALUE (a portal or list that does not filter). */
  refuseModifiedTimeFilter: boolean;
  /** The portal's time zone as minutes east of UTC: filter days are the portal's days (-720..840). */
  portalUtcOffsetMinutes: number;
  /** Issue list items carry no last_modified_time ("list items may lack a modified time"). */
  issueListOmitsModifiedTime: boolean;
  /** Over the rate limit: '429' (with Retry-After) or '400' (title URL_ROLLING_THROTTLES_LIMIT_EXCEEDED). */
  rateLimitStyle: '429' | '400';
  /** HTTP status of INVALID_OAUTHTOKEN: 400 as the Error Codes page documents, 401 as also observed. */
  invalidOauthTokenStatus: 400 | 401;
  /** A wrong client secret answers `invalid_client` (documented); `invalid_client_secret` is UNCONFIRMED. */
  wrongSecretError: 'invalid_client' | 'invalid_client_secret';
  /** List shape of newly uploaded attachments (live data mixes: see ZohoAttachmentShape). */
  attachmentShape: ZohoAttachmentShape;
}

export interface ZohoRateLimitOptions {
  /** Requests allowed per window, per endpoint, per user. */
  limit: number;
  windowMs: number;
  blockMs: number;
}

export interface ZohoSimOptions {
  host?: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** Load the demo dataset (default true). */
  demo?: boolean;
  clock?: SimClockSource;
  /** Lifetime of a generated authorization code (default 3 min). */
  codeTtlMs?: number;
  accessTokenTtlMs?: number;
  /** What the token response reports as api_domain. */
  apiDomain?: string;
  rateLimit?: Partial<ZohoRateLimitOptions>;
  switches?: Partial<ZohoSimSwitches>;
  /** Upload size cap (about 128 MB per zoho.md, UNCONFIRMED). */
  attachmentMaxBytes?: number;
  /** Fastify logger on/off (default off). */
  logger?: boolean;
}

export interface ZohoSimConfig {
  codeTtlMs: number;
  accessTokenTtlMs: number;
  apiDomain: string;
  rateLimit: ZohoRateLimitOptions;
  switches: ZohoSimSwitches;
  attachmentMaxBytes: number;
}

export const DEFAULT_SWITCHES: ZohoSimSwitches = {
  sortByModifiedTime: true,
  filterByModifiedTime: true,
  refuseModifiedTimeFilter: false,
  portalUtcOffsetMinutes: 0,
  issueListOmitsModifiedTime: false,
  rateLimitStyle: '429',
  invalidOauthTokenStatus: 400,
  wrongSecretError: 'invalid_client',
  attachmentShape: { downloadUrl: true, sentinelId: false },
};

export function resolveConfig(opts: ZohoSimOptions = {}): ZohoSimConfig {
  return {
    codeTtlMs: opts.codeTtlMs ?? 3 * 60_000,
    accessTokenTtlMs: opts.accessTokenTtlMs ?? 3_600_000,
    apiDomain: opts.apiDomain ?? 'https://www.zohoapis.com',
    rateLimit: { limit: 200, windowMs: 120_000, blockMs: 10 * 60_000, ...opts.rateLimit },
    switches: { ...DEFAULT_SWITCHES, attachmentShape: { ...DEFAULT_SWITCHES.attachmentShape }, ...opts.switches },
    attachmentMaxBytes: opts.attachmentMaxBytes ?? 128 * 1024 * 1024,
  };
}
