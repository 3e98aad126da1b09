/**
 * A thin undici wrapper: one connection pool per origin, timeouts, JSON/form/streaming bodies,
 * a call-counting hook, and network errors turned into retryable typed failures. It does not retry
 * by itself: retries belong to Temporal (see ./classify.ts, ./failures.ts).
 */
import { Pool } from 'undici';
import type { Readable } from 'node:stream';
import { classify } from './classify';
import { httpFailure, type Service } from './failures';
import { parseJsonSafe } from './json';
import type { OnCall } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null;

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** JSON body (sets content-type). */
  json?: unknown;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /** Raw or streamed body; set content-type yourself. */
  body?: string | Buffer | Readable;
  /** Overrides the client's default for this call (headers and body). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  /** Must be consumed or destroyed by the caller (readBody/readJson do it). */
  body: Readable & { text(): Promise<string>; dump(): Promise<void> };
}

export interface HttpClientOptions {
  service: Service;
  onCall?: OnCall;
  /** Default per-call timeout (headers and body idle), ms. Default 30 s. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  connectionsPerOrigin?: number;
}

export interface HttpClient {
  readonly service: Service;
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(raw)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function buildUrl(url: string, query?: Record<string, QueryValue>): URL {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  }
  return u;
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const pools = new Map<string, Pool>();
  const timeout = opts.timeoutMs ?? 30_000;
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: opts.connectionsPerOrigin ?? 8,
        connect: { timeout: opts.connectTimeoutMs ?? 10_000 },
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  return {
    service: opts.service,
    async send(req) {
      const url = buildUrl(req.url, req.query);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | Buffer | Readable | undefined = req.body;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] = 'application/json';
      } else if (req.form) {
        body = new URLSearchParams(req.form).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const what = `${req.method} ${url.pathname}`;
      try {
        const res = await poolFor(url.origin).request({
          method: req.method,
          path: url.pathname + url.search,
          headers,
          body,
          headersTimeout: req.timeoutMs ?? timeout,
          bodyTimeout: req.timeoutMs ?? timeout,
        });
        opts.onCall?.(url.origin, req.method, url.pathname, res.statusCode);
        return { status: res.statusCode, headers: flattenHeaders(res.headers), body: res.body as HttpResponse['body'] };
      } catch (err) {
        opts.onCall?.(url.origin, req.method, url.pathname, 'network');
        const code = (err as { code?: string }).code ?? (err as Error).name;
        throw httpFailure(opts.service, 'network', classify('network', {}, `${code} ${(err as Error).message}`), what);
      }
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
    },
  };
}

/** Reads the whole body as text (error bodies, JSON). Network failures mid-body are retryable. */
export async function readText(service: Service, res: HttpResponse, what: string): Promise<string> {
  try {
    return await res.body.text();
  } catch (err) {
    throw httpFailure(service, 'network', classify('network', {}, (err as Error).message), what);
  }
}

/** Parses the body as JSON without rounding big integers; undefined for an empty body; text if not JSON. */
export async function readJson(service: Service, res: HttpResponse, what: string): Promise<unknown> {
  const text = await readText(service, res, what);
  try {
    return parseJsonSafe(text);
  } catch {
    return text;
  }
}
