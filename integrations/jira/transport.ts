/**
 * How every Jira call travels: the installation's apiBaseUrl, the freshest stored system token (a
 * rejected one is retried once with a fresher one, else a retryable wait for the next Forge call),
 * the site's pacer, and Jira's answers classified into typed failures (../http/classify.ts).
 */
import { classify, serverWaitMs } from '../http/classify';
import { FAILURE_TYPES, httpFailure, retryLater } from '../http/failures';
import { createHttpClient, readJson, type HttpClient, type HttpRequest, type HttpResponse } from '../http/request';
import type { OnCall } from '../http/types';
import { isObj } from './map';
import { pacerForSite, type SitePacer } from './pacer';

type Json = Record<string, unknown>;

export interface JiraClientOptions {
  /** The installation's apiBaseUrl, e.g. https://api.atlassian.com/ex/jira/<cloudId>. */
  baseUrl: string;
  /** The freshest stored system token, or null when none is valid. */
  token: () => Promise<string | null | undefined>;
  onCall?: OnCall;
  http?: HttpClient;
  timeoutMs?: number;
  now?: () => number;
  /** Wait before retrying when no valid token exists. Default 60 s. */
  tokenWaitMs?: number;
  /** Pacing against Jira's burst limit (the registry passes the site's shared pace); default: this process's own (pacer.ts). */
  pacer?: SitePacer;
}

export const JIRA_TOKEN_MISSING_MESSAGE =
  'No valid Jira token yet — it arrives with the next Forge call (every five minutes)';

export type JiraCall = Omit<HttpRequest, 'url' | 'headers'> & {
  path: string;
  headers?: Record<string, string>;
  allow404?: boolean;
  replayable?: boolean;
};

export interface JiraTransport {
  http: HttpClient;
  send(call: JiraCall): Promise<HttpResponse | undefined>;
  json(call: JiraCall): Promise<unknown>;
  /** startAt/maxResults paging with `isLast` or `total`. */
  paged(path: string, key: string, query?: Json, pageSize?: number): Promise<Json[]>;
}

export function createJiraTransport(opts: JiraClientOptions): JiraTransport {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const http = opts.http ?? createHttpClient({ service: 'jira', onCall: opts.onCall, timeoutMs: opts.timeoutMs });
  const now = opts.now ?? Date.now;
  const tokenWait = opts.tokenWaitMs ?? 60_000;
  const pacer = opts.pacer ?? pacerForSite(base);

  async function token(): Promise<string> {
    const t = await opts.token();
    if (!t) throw retryLater(FAILURE_TYPES.jiraTokenMissing, JIRA_TOKEN_MISSING_MESSAGE, tokenWait);
    return t;
  }

  async function send(call: JiraCall): Promise<HttpResponse | undefined> {
    const { path, allow404, replayable = true, ...req } = call;
    const what = `${req.method} ${path.split('?')[0]}`;
    let t = await token();
    for (let attempt = 0; ; attempt++) {
      await pacer.acquire();
      const res = await http.send({
        ...req,
        url: `${base}${path}`,
        headers: { ...call.headers, authorization: `Bearer ${t}` },
      });
      pacer.answered(
        res.status,
        (res.headers['x-ratelimit-nearlimit'] ?? '').toLowerCase() === 'true',
        res.status === 429 ? serverWaitMs(res.headers, now()) : undefined,
      );
      if (res.status >= 200 && res.status < 300) return res;
      const body = await readJson('jira', res, what);
      if (res.status === 404 && allow404) return undefined;
      const c = classify(res.status, res.headers, body, now());
      if (c.kind === 'auth') {
        // The stored token may have been replaced by a fresher one meanwhile: try that once.
        const fresh = await opts.token();
        if (attempt === 0 && replayable && fresh && fresh !== t) {
          t = fresh;
          continue;
        }
        throw retryLater(
          FAILURE_TYPES.jiraTokenMissing,
          `Jira ${what} failed: ${c.reason}. ${JIRA_TOKEN_MISSING_MESSAGE}`,
          tokenWait,
        );
      }
      throw httpFailure('jira', res.status, c, what, body);
    }
  }

  async function json(call: JiraCall): Promise<unknown> {
    const res = await send(call);
    return res ? readJson('jira', res, `${call.method} ${call.path}`) : undefined;
  }

  async function paged(path: string, key: string, query: Json = {}, pageSize = 50): Promise<Json[]> {
    const out: Json[] = [];
    for (let startAt = 0; startAt < 10_000;) {
      const body = await json({ method: 'GET', path, query: { ...query, startAt, maxResults: pageSize } as never });
      const list = isObj(body) && Array.isArray(body[key]) ? (body[key] as unknown[]).filter(isObj) : [];
      out.push(...list);
      startAt += list.length;
      const b = isObj(body) ? body : {};
      if (!list.length || b.isLast === true || (typeof b.total === 'number' && startAt >= b.total)) break;
    }
    return out;
  }

  return { http, send, json, paged };
}
