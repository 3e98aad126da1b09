/** Fault injection: each fault matches requests by method/path/endpoint and fires `times` times. */
export type ZohoFaultKind = 'status' | 'rate-limit' | 'reset' | 'latency' | 'lost-response' | 'token-expiry';

export interface ZohoFaultSpec {
  kind: ZohoFaultKind;
  method?: string;
  /** Substring of the request path (query excluded), or a RegExp. */
  path?: string | RegExp;
  /** Endpoint key as in the call log, e.g. "PATCH /api/v3/portal/:portalId/projects/:projectId/tasks/:taskId". */
  endpoint?: string;
  /** For 'status' (default 500). */
  status?: number;
  /** For 'rate-limit' (default 60). */
  retryAfterSec?: number;
  /** For 'latency' (real milliseconds). */
  latencyMs?: number;
  /** How many matching requests it affects (default 1; Infinity = until cleared). */
  times?: number;
}

export interface ZohoFault extends ZohoFaultSpec {
  id: string;
  remaining: number;
  fired: number;
}

export class ZohoFaults {
  private faults: ZohoFault[] = [];
  private seq = 0;

  add(spec: ZohoFaultSpec): string {
    const id = `fault-${++this.seq}`;
    this.faults.push({ ...spec, id, remaining: spec.times ?? 1, fired: 0 });
    return id;
  }

  remove(id: string): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly ZohoFault[] {
    return this.faults;
  }

  /** Consume and return every fault that matches this request. */
  take(method: string, path: string, endpoint: string): ZohoFault[] {
    const hit: ZohoFault[] = [];
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      if (f.endpoint && f.endpoint !== endpoint) continue;
      if (f.path !== undefined && !(typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path))) continue;
      f.remaining -= 1;
      f.fired += 1;
      hit.push(f);
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return hit;
  }
}
