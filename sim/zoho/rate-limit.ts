import type { SimClock } from './clock';
import type { ZohoRateLimitOptions } from './config';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  windowSec: number;
  /** Seconds until the block ends (only when not allowed). */
  retryAfterSec?: number;
}

/**
 * Rolling window per endpoint per user (zoho.md: about 200 requests / 2 min per endpoint, then the
 * endpoint is blocked for 10 minutes). The request that would exceed the limit starts the block.
 */
export class ZohoRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: SimClock,
    private readonly opts: () => ZohoRateLimitOptions,
  ) {}

  reset(): void {
    this.hits.clear();
    this.blockedUntil.clear();
  }

  check(userZuid: string, endpointKey: string): RateDecision {
    const { limit, windowMs, blockMs } = this.opts();
    const windowSec = Math.round(windowMs / 1000);
    const key = `${userZuid} ${endpointKey}`;
    const now = this.clock.now();
    const until = this.blockedUntil.get(key);
    if (until !== undefined) {
      if (now < until)
        return { allowed: false, limit, remaining: 0, windowSec, retryAfterSec: Math.ceil((until - now) / 1000) };
      this.blockedUntil.delete(key);
      this.hits.delete(key);
    }
    const hits = this.hits.get(key) ?? [];
    let drop = 0;
    while (drop < hits.length && hits[drop] <= now - windowMs) drop += 1;
    if (drop) hits.splice(0, drop);
    if (hits.length >= limit) {
      this.blockedUntil.set(key, now + blockMs);
      this.hits.set(key, hits);
      return { allowed: false, limit, remaining: 0, windowSec, retryAfterSec: Math.ceil(blockMs / 1000) };
    }
    hits.push(now);
    this.hits.set(key, hits);
    return { allowed: true, limit, remaining: limit - hits.length, windowSec };
  }

  /** Endpoints currently blocked, with the time the block ends. */
  blocks(): { key: string; untilMs: number }[] {
    const now = this.clock.now();
    return [...this.blockedUntil.entries()].filter(([, u]) => u > now).map(([key, untilMs]) => ({ key, untilMs }));
  }
}

/** Header names from zoho.md; the value formats (plain numbers, unit "seconds") are UNCONFIRMED. */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const h: Record<string, string> = {
    RateLimit: String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Window': String(d.windowSec),
    'RateLimit-Window-Unit': 'seconds',
  };
  if (d.retryAfterSec !== undefined) h['Retry-After'] = String(d.retryAfterSec);
  return h;
}
