/**
 * The one retry decision for every outbound call. Pure: status + headers + parsed body (+ clock) in,
 * decision out. Table-tested in tests/unit/classify.test.ts.
 */
import type { Classification } from './types';
import { apiErrorText } from './error-text';

export type HeaderBag = Record<string, string | string[] | undefined>;

/** Zoho blocks a throttled endpoint for about 10 minutes (V3); used when no header says otherwise. */
export const ZOHO_THROTTLE_BLOCK_MS = 10 * 60_000;
const MAX_WAIT_MS = 60 * 60_000;

function header(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === wanted && v !== undefined) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** Seconds (delta), an HTTP date, an ISO timestamp or epoch seconds → milliseconds from now. */
function parseWhen(value: string | undefined, now: number, epochAllowed: boolean): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    // Epoch seconds (X-RateLimit-Reset on some APIs) vs a delta in seconds.
    if (epochAllowed && n > 1_000_000_000) return Math.max(0, n * 1000 - now);
    return Math.round(n * 1000);
  }
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** IETF draft `RateLimit: limit=100, remaining=0, reset=50` (Zoho sends RateLimit* headers). */
function rateLimitReset(headers: HeaderBag): number | undefined {
  const combined = header(headers, 'ratelimit');
  const m = combined ? /(?:^|[,;\s])(?:reset|t)=(\d+)/i.exec(combined) : null;
  if (m) return Number(m[1]) * 1000;
  const reset = header(headers, 'ratelimit-reset');
  if (reset && /^\d+$/.test(reset.trim())) return Number(reset) * 1000;
  const remaining = header(headers, 'ratelimit-remaining');
  const window = header(headers, 'ratelimit-window');
  if (remaining?.trim() === '0' && window && /^\d+$/.test(window.trim())) {
    const unit = (header(headers, 'ratelimit-window-unit') ?? 'seconds').toLowerCase();
    const factor = unit.startsWith('min') ? 60_000 : unit.startsWith('milli') ? 1 : 1000;
    return Number(window) * factor;
  }
  return undefined;
}

/** How long the server asked us to wait, from any of the headers Jira and Zoho send. */
export function serverWaitMs(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const wait =
    parseWhen(header(headers, 'retry-after'), now, false) ??
    parseWhen(header(headers, 'x-ratelimit-reset'), now, true) ??
    rateLimitReset(headers);
  return wait === undefined ? undefined : Math.min(wait, MAX_WAIT_MS);
}

function zohoErrorTitle(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const e = (body as { error: unknown }).error;
    if (e && typeof e === 'object' && typeof (e as { title?: unknown }).title === 'string') {
      return (e as { title: string }).title;
    }
    if (typeof e === 'string') return e;
  }
  return undefined;
}

export function classify(
  status: number | 'network',
  headers: HeaderBag = {},
  body?: unknown,
  now: number = Date.now(),
): Classification {
  if (status === 'network') {
    const detail = typeof body === 'string' && body ? `: ${body}` : '';
    return { retry: true, kind: 'network', reason: `network error${detail}` };
  }
  const text = apiErrorText(body);
  const reason = `HTTP ${status}${text ? `: ${text}` : ''}`;
  if (status < 400) return { retry: false, kind: 'ok', reason };

  const wait = serverWaitMs(headers, now);
  const title = zohoErrorTitle(body);
  if (status === 429 || title === 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED') {
    const waitMs = wait ?? (title === 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED' ? ZOHO_THROTTLE_BLOCK_MS : undefined);
    return { retry: true, kind: 'rate_limited', reason, ...(waitMs !== undefined ? { waitMs } : {}) };
  }
  // Zoho documents INVALID_OAUTHTOKEN with HTTP 400 (401 is also seen): the code decides, not the status.
  if (status === 401 || title === 'INVALID_OAUTHTOKEN') return { retry: false, kind: 'auth', reason };
  if (title === 'URL_RULE_NOT_CONFIGURED') {
    return {
      retry: false,
      kind: 'client',
      reason: `${reason} (Zoho Projects has no API at this URL: a connector bug)`,
    };
  }
  if (status >= 500 || status === 408) {
    return { retry: true, kind: 'server', reason, ...(wait !== undefined ? { waitMs: wait } : {}) };
  }
  return { retry: false, kind: 'client', reason };
}
