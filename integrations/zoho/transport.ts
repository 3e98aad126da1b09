/**
 * One authenticated Zoho Projects call: budget first, OAuth header, rate-limit headers fed back to
 * the budget, INVALID_OAUTHTOKEN → refresh once and retry once, everything else classified once.
 */
import type { Readable } from 'node:stream';
import { classify } from '../http/classify';
import { httpFailure } from '../http/failures';
import { readJson, type HttpClient, type HttpMethod, type HttpResponse, type QueryValue } from '../http/request';
import type { ZohoBudget } from './budget';
import type { ZohoTokenProvider } from './token-provider';

export interface ZohoCall {
  method: HttpMethod;
  /** Absolute URL, or a path on the Projects API host. */
  url: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** A body that can be built again for the single retry after a token refresh. */
  body?: () => { body: Readable | string | Buffer; contentType: string; length?: number };
  /** Resolve with undefined instead of throwing on 404. */
  allow404?: boolean;
}

export interface ZohoTransport {
  json(call: ZohoCall): Promise<unknown>;
  /** The raw response of a 2xx answer (for streamed downloads). */
  raw(call: ZohoCall): Promise<HttpResponse>;
}

export function createZohoTransport(deps: {
  apiOrigin: string;
  http: HttpClient;
  tokens: ZohoTokenProvider;
  budget: ZohoBudget;
  now?: () => number;
}): ZohoTransport {
  const now = deps.now ?? Date.now;

  async function send(call: ZohoCall, retried: boolean): Promise<HttpResponse | undefined> {
    await deps.budget.take();
    const token = await deps.tokens.get();
    const url = /^https?:\/\//.test(call.url) ? call.url : `${deps.apiOrigin}${call.url}`;
    const built = call.body?.();
    const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${token}` };
    if (built) {
      headers['content-type'] = built.contentType;
      if (built.length !== undefined) headers['content-length'] = String(built.length);
    }
    const res = await deps.http.send({
      method: call.method,
      url,
      query: call.query,
      json: call.json,
      body: built?.body,
      headers,
    });
    deps.budget.observe(res.headers);
    if (res.status >= 200 && res.status < 300) return res;

    const what = `${call.method} ${new URL(url).pathname}`;
    const body = await readJson('zoho', res, what);
    if (res.status === 404 && call.allow404) return undefined;
    const c = classify(res.status, res.headers, body, now());
    const title = (body as { error?: { title?: unknown } } | undefined)?.error?.title;
    if (title === 'INVALID_OAUTHTOKEN') {
      deps.tokens.invalidate(token);
      if (!retried) return send(call, true);
    }
    if (c.kind === 'rate_limited') deps.budget.pause(c.waitMs ?? 60_000);
    throw httpFailure('zoho', res.status, c, what, body);
  }

  return {
    async json(call) {
      const res = await send(call, false);
      if (!res) return undefined;
      return readJson('zoho', res, `${call.method} ${call.url}`);
    },
    async raw(call) {
      return (await send({ ...call, allow404: false }, false))!;
    },
  };
}
