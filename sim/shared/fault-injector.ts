/**
 * Fault injection for the simulators: rules matched by method + path pattern, each used `count`
 * times. Kinds mirror what a real API does to a client: an error status (429/5xx with Retry-After),
 * a connection reset before anything is applied, extra latency, and a response lost after the write
 * was applied (the handler runs, then the socket is destroyed instead of answering).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type FaultKind = 'status' | 'reset' | 'latency' | 'lost-response';

export interface FaultRule {
  kind: FaultKind;
  /** HTTP method to match (case-insensitive); any when omitted. */
  method?: string;
  /** Path to match (query ignored): exact string, glob with `*` (one segment) / `**` (any), or RegExp. */
  path?: string | RegExp;
  /** How many matching requests this rule affects (default 1; Infinity for all). */
  count?: number;
  /** kind 'status': the status to answer (default 503). */
  status?: number;
  /** kind 'status': adds `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /** kind 'status': extra response headers. */
  headers?: Record<string, string>;
  /** kind 'status': response body (a JSON value); a sensible default otherwise. */
  body?: unknown;
  /** kind 'latency': delay in ms before the request is handled. */
  latencyMs?: number;
}

export interface ActiveFault extends FaultRule {
  id: string;
  remaining: number;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${pattern}$`);
}

export function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) return rule.path.test(path);
  return rule.path.includes('*') ? globToRegExp(rule.path).test(path) : rule.path === path;
}

export class FaultInjector {
  private rules: ActiveFault[] = [];
  private seq = 0;

  add(rule: FaultRule): string {
    const id = `fault-${++this.seq}`;
    this.rules.push({ ...rule, id, remaining: rule.count ?? 1 });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Consumes the matching rules for one request: every latency rule plus the first terminal one. */
  take(method: string, path: string): { latencyMs: number; terminal?: ActiveFault } {
    let latencyMs = 0;
    let terminal: ActiveFault | undefined;
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !faultMatches(rule, method, path)) continue;
      if (rule.kind === 'latency') {
        latencyMs += rule.latencyMs ?? 0;
        rule.remaining -= 1;
      } else if (!terminal) {
        terminal = { ...rule };
        rule.remaining -= 1;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { latencyMs, terminal };
  }
}

export interface FaultHookOptions {
  /** Requests for which faults never apply (e.g. the control API). */
  skip?: (path: string) => boolean;
  /** Body for a 'status' fault that has none (each simulator speaks its own error shape). */
  errorBody?: (status: number) => unknown;
  /** Told about each applied fault (call logs). */
  onFault?: (request: FastifyRequest, kind: FaultKind) => void;
}

const LOST = Symbol('sim.lostResponse');
type Marked = FastifyRequest & { [LOST]?: boolean };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Registers onRequest/onSend hooks on the root instance; call before the routes are added. */
export function installFaultHooks(app: FastifyInstance, faults: FaultInjector, options: FaultHookOptions = {}): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (options.skip?.(path)) return;
    const { latencyMs, terminal } = faults.take(request.method, path);
    if (latencyMs > 0) await sleep(latencyMs);
    if (!terminal) return;
    options.onFault?.(request, terminal.kind);
    if (terminal.kind === 'reset') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (terminal.kind === 'lost-response') {
      (request as Marked)[LOST] = true;
      return;
    }
    const status = terminal.status ?? 503;
    if (terminal.retryAfterSeconds !== undefined) reply.header('Retry-After', String(terminal.retryAfterSeconds));
    for (const [name, value] of Object.entries(terminal.headers ?? {})) reply.header(name, value);
    const body = terminal.body ?? options.errorBody?.(status) ?? { message: `Injected fault ${status}` };
    return reply.code(status).type('application/json').send(JSON.stringify(body));
  });

  app.addHook('onSend', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    // The write has been applied by the handler; drop the connection so the client never hears of it.
    if ((request as Marked)[LOST]) request.raw.socket.destroy();
    return payload;
  });
}
