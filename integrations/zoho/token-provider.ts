/**
 * Caches a connection's Zoho access token until shortly before it expires (Zoho keeps only 30 live
 * access tokens per refresh token, so refreshing per call would evict our own tokens). Concurrent
 * callers share one refresh. `invalidate()` after INVALID_OAUTHTOKEN forces the next get() to refresh.
 */
import type { ZohoTokens } from './oauth';

export interface ZohoTokenProvider {
  /** A usable access token (cached, loaded, or freshly refreshed). */
  get(): Promise<string>;
  /** Drop the cached token (only if it is still `token`, so a newer one is not thrown away). */
  invalidate(token?: string): void;
}

export interface ZohoTokenProviderDeps {
  /** The stored access token cache, if any. */
  load: () => Promise<ZohoTokens | null>;
  /** Persist a refreshed access token (encrypted by the store). */
  save: (tokens: ZohoTokens) => Promise<void>;
  /** Calls Zoho's refresh grant (see refreshAccessToken). */
  refresh: () => Promise<ZohoTokens>;
  now?: () => number;
  /** Refresh this long before expiry. Default 5 min. */
  earlyMs?: number;
}

export function createZohoTokenProvider(deps: ZohoTokenProviderDeps): ZohoTokenProvider {
  const now = deps.now ?? Date.now;
  const early = deps.earlyMs ?? 5 * 60_000;
  let cached: ZohoTokens | null = null;
  let loaded = false;
  let inflight: Promise<ZohoTokens> | null = null;
  const fresh = (t: ZohoTokens | null): t is ZohoTokens => !!t && t.expiresAt - early > now();

  async function refresh(): Promise<ZohoTokens> {
    if (!inflight) {
      inflight = (async () => {
        const t = await deps.refresh();
        cached = t;
        await deps.save(t);
        return t;
      })().finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  return {
    async get() {
      if (fresh(cached)) return cached.accessToken;
      if (!loaded) {
        loaded = true;
        const stored = await deps.load();
        if (fresh(stored)) {
          cached = stored;
          return stored.accessToken;
        }
      }
      return (await refresh()).accessToken;
    },
    invalidate(token) {
      if (!token || cached?.accessToken === token) cached = null;
      loaded = true; // the store holds the same stale token: do not reload it
    },
  };
}
