/**
 * Jira's rate limits, simplified: a per-credential budget per window (the points quota:
 * RateLimit-Reason jira-quota-tenant-based) and a site-wide ceiling in requests per second (burst:
 * jira-burst-based). Every answer carries X-RateLimit-*; a 429 adds Retry-After (seconds).
 * A burst 429 pauses the site until its Retry-After ends: Atlassian's "Rate limiting" page says a
 * request reissued before the retry period expires fails with the same or a longer Retry-After, so
 * every request arriving in the pause is refused too (and counted: `stats().duringPause`).
 */
export interface RateLimitOptions {
  /** Requests per window per credential (default: unlimited, headers still sent). */
  budget?: number;
  /** Window of the budget in ms (default 60 000). */
  windowMs?: number;
  /** Site-wide ceiling in requests per second (default: none). */
  ceilingPerSecond?: number;
}

export interface RateLimitStats {
  /** Burst pauses begun (a 429 answered outside a pause). */
  pauses: number;
  /** Requests that arrived while a burst pause was running (all refused with 429). */
  duringPause: number;
  /** When each request arriving in a pause came (ms, the simulator's clock). */
  duringPauseAt: number[];
}

export type RateDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; headers: Record<string, string>; retryAfterSeconds: number; reason: string };

const UNLIMITED = 1_000_000;

/** Jira's X-RateLimit-Reset format: yyyy-MM-ddTHH:mmZ. */
const resetStamp = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

export class JiraRateLimiter {
  options: Required<Pick<RateLimitOptions, 'windowMs'>> & RateLimitOptions;
  private windows = new Map<string, { start: number; used: number }>();
  private recent: number[] = [];
  private pausedUntil = 0;
  private counts: RateLimitStats = { pauses: 0, duringPause: 0, duringPauseAt: [] };

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...options, windowMs: options.windowMs ?? 60_000 };
  }

  configure(options: RateLimitOptions): void {
    this.options = { ...this.options, ...options, windowMs: options.windowMs ?? this.options.windowMs };
    this.windows.clear();
    this.recent = [];
    this.pausedUntil = 0;
    this.resetStats();
  }

  stats(): RateLimitStats {
    return { ...this.counts, duringPauseAt: [...this.counts.duringPauseAt] };
  }

  resetStats(): void {
    this.counts = { pauses: 0, duringPause: 0, duringPauseAt: [] };
  }

  check(credential: string): RateDecision {
    const now = this.now();
    const limit = this.options.budget ?? UNLIMITED;
    let window = this.windows.get(credential);
    if (!window || now - window.start >= this.options.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(credential, window);
    }
    const resetAt = window.start + this.options.windowMs;
    const base = (remaining: number) => ({
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, remaining)),
      'X-RateLimit-Reset': resetStamp(resetAt),
      ...(remaining < limit * 0.2 ? { 'X-RateLimit-NearLimit': 'true' } : {}),
    });

    const ceiling = this.options.ceilingPerSecond;
    if (ceiling !== undefined) {
      this.recent = this.recent.filter((t) => now - t < 1000);
      const inPause = now < this.pausedUntil;
      if (inPause || this.recent.length >= ceiling) {
        // Reissued before Retry-After expired: refused again with the (rounded-up) rest of the pause.
        const retryAfterSeconds = inPause ? Math.max(1, Math.ceil((this.pausedUntil - now) / 1000)) : 1;
        if (inPause) {
          this.counts.duringPause += 1;
          this.counts.duringPauseAt.push(now);
        } else {
          this.counts.pauses += 1;
          this.pausedUntil = now + retryAfterSeconds * 1000;
        }
        return {
          allowed: false,
          retryAfterSeconds,
          reason: 'jira-burst-based',
          headers: {
            ...base(limit - window.used),
            'Retry-After': String(retryAfterSeconds),
            'RateLimit-Reason': 'jira-burst-based',
            'X-RateLimit-Reset': resetStamp(now + 1000),
          },
        };
      }
      this.recent.push(now);
    }
    if (window.used >= limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
      return {
        allowed: false,
        retryAfterSeconds,
        reason: 'jira-quota-tenant-based',
        headers: {
          ...base(0),
          'Retry-After': String(retryAfterSeconds),
          'RateLimit-Reason': 'jira-quota-tenant-based',
        },
      };
    }
    window.used += 1;
    return { allowed: true, headers: base(limit - window.used) };
  }
}
