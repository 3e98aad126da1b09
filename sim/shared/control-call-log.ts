/** The simulators' call log: what a test or benchmark reads to count and inspect requests. */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface CallLogEntry {
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** 0 when no response was sent (connection reset or lost response). */
  status: number;
  /** Epoch ms when the request arrived. */
  at: number;
  durationMs: number;
  /** Short summary of the request body (JSON truncated), never credentials. */
  bodySummary?: string;
  /** Who called (account id / user id), resolved by the simulator's auth; never the token. */
  actor?: string;
  fault?: string;
}

export interface CallLogFilter {
  method?: string;
  /** Substring or RegExp matched against the path. */
  path?: string | RegExp;
}

export class CallLog {
  private entries: CallLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  start(entry: Omit<CallLogEntry, 'seq' | 'status' | 'durationMs'>): CallLogEntry {
    const full: CallLogEntry = { ...entry, seq: ++this.seq, status: 0, durationMs: 0 };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  list(filter: CallLogFilter = {}): CallLogEntry[] {
    return this.entries
      .filter((e) => !filter.method || e.method === filter.method.toUpperCase())
      .filter((e) => {
        if (!filter.path) return true;
        return filter.path instanceof RegExp ? filter.path.test(e.path) : e.path.includes(filter.path);
      })
      .map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}

export function summarizeBody(body: unknown, max = 300): string | undefined {
  if (body === undefined || body === null) return undefined;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const ENTRY = Symbol('sim.callLogEntry');
type WithEntry = FastifyRequest & { [ENTRY]?: CallLogEntry };

export function callLogEntryOf(request: FastifyRequest): CallLogEntry | undefined {
  return (request as WithEntry)[ENTRY];
}

/** Registers hooks that log every request except those `skip` excludes; call first, before other hooks. */
export function installCallLogHooks(app: FastifyInstance, log: CallLog, skip?: (path: string) => boolean): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const [path, query = ''] = request.url.split('?');
    if (skip?.(path)) return;
    (request as WithEntry)[ENTRY] = log.start({ method: request.method, path, query, at: Date.now() });
  });
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const entry = (request as WithEntry)[ENTRY];
    if (!entry) return;
    const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/');
    entry.bodySummary = multipart ? '[multipart/form-data]' : summarizeBody(request.body);
  });
  app.addHook('onResponse', async (request, reply) => {
    const entry = (request as WithEntry)[ENTRY];
    if (!entry) return;
    entry.status = request.raw.socket?.destroyed && entry.fault ? 0 : reply.statusCode;
    entry.durationMs = Date.now() - entry.at;
  });
}
