/**
 * A brief per-installation cache for admin metadata (Zoho portals/projects/fields, Jira projects…):
 * the admin form asks for the same lists many times in a minute, and Zoho's call budget is small.
 * Concurrent askers share one load; failures are not cached.
 */
export interface MetadataCache {
  get<T>(installationId: string, key: string, load: () => Promise<T>): Promise<T>;
  /** Forget an installation's entries (connection saved or revoked). */
  clear(installationId: string): void;
}

export function createMetadataCache(
  opts: { ttlMs?: number; now?: () => number; maxEntries?: number } = {},
): MetadataCache {
  const ttl = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const max = opts.maxEntries ?? 5_000;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return {
    get<T>(installationId: string, key: string, load: () => Promise<T>): Promise<T> {
      const k = `${installationId}\u0000${key}`;
      const hit = entries.get(k);
      if (hit && now() - hit.at < ttl) return hit.value as Promise<T>;
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      const value = load();
      entries.set(k, { at: now(), value });
      value.catch(() => entries.delete(k));
      return value;
    },
    clear(installationId) {
      for (const k of entries.keys()) if (k.startsWith(`${installationId}\u0000`)) entries.delete(k);
    },
  };
}
