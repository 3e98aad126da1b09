/** What the simulator received: for assertions on call budgets and retries. */
export interface ZohoCallLogEntry {
  seq: number;
  /** Simulated time (ISO) when the request arrived. */
  time: string;
  method: string;
  /** Path with query string. */
  path: string;
  /** Method + route pattern, e.g. "GET /api/v3/portal/:portalId/projects/:projectId/tasks". */
  endpoint: string;
  /** HTTP status sent; null when the connection was reset or the response was dropped. */
  status: number | null;
  /** Faults that fired on this call. */
  faults: string[];
  userZuid?: string;
}

export class ZohoCallLog {
  private entries: ZohoCallLogEntry[] = [];
  private seq = 0;
  private readonly counts = new Map<string, number>();

  start(e: Omit<ZohoCallLogEntry, 'seq' | 'status' | 'faults'>): ZohoCallLogEntry {
    const entry: ZohoCallLogEntry = { ...e, seq: ++this.seq, status: null, faults: [] };
    this.entries.push(entry);
    this.counts.set(e.endpoint, (this.counts.get(e.endpoint) ?? 0) + 1);
    return entry;
  }

  list(): readonly ZohoCallLogEntry[] {
    return this.entries;
  }

  /** Calls per endpoint key since the last clear. */
  countsByEndpoint(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  count(filter?: { method?: string; endpoint?: string; pathIncludes?: string }): number {
    return this.entries.filter(
      (e) =>
        (!filter?.method || e.method === filter.method.toUpperCase()) &&
        (!filter?.endpoint || e.endpoint === filter.endpoint) &&
        (!filter?.pathIncludes || e.path.includes(filter.pathIncludes)),
    ).length;
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
  }
}
