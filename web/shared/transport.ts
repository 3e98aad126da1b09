/**
 * The one way the web apps reach the server. Inside Jira (Forge Custom UI) calls go through
 * `@forge/bridge` `invokeRemote`, which adds the Forge Invocation Token (FIT). In the local dev
 * console the page is served by our own server, so calls are direct `fetch`es carrying a FIT the
 * dev console signs with the local development key (fetched from `/dev/fit`).
 */
import type { ErrorBody, FieldError } from '../../server/contract/common';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type WebModule = 'admin' | 'panel';

/** A non-2xx answer, with the server's stable error code and per-field errors (422). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const DEV_FLAG = 'zjcDev';

/** The dev console loads the apps with `?zjcDev=admin|panel[&issueId=…]`; Forge never does. */
export function isDevConsole(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).has(DEV_FLAG);
}

export function queryParam(name: string): string | null {
  return typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get(name);
}

interface DevFit {
  token: string;
  expiresAt: number;
  systemToken?: string;
}
let devFit: DevFit | null = null;

async function devFitFor(module: WebModule): Promise<DevFit> {
  if (devFit && devFit.expiresAt - Date.now() > 5_000) return devFit;
  const params = new URLSearchParams({ module });
  const issueId = queryParam('issueId');
  if (issueId) params.set('issueId', issueId);
  const res = await fetch(`/dev/fit?${params.toString()}`);
  if (!res.ok)
    throw new ApiError(res.status, 'unauthorized', `The dev console could not sign a token (HTTP ${res.status}).`);
  const body = (await res.json()) as { token: string; expiresAt: string; systemToken?: string };
  devFit = { token: body.token, expiresAt: Date.parse(body.expiresAt), systemToken: body.systemToken };
  return devFit;
}

function toError(status: number, body: unknown): ApiError {
  const err = (body as Partial<ErrorBody> | undefined)?.error;
  if (err && typeof err.message === 'string')
    return new ApiError(status, err.code ?? 'internal', err.message, err.fields ?? []);
  return new ApiError(status, 'internal', `The server answered HTTP ${status}.`);
}

async function viaDevConsole(
  module: WebModule,
  method: HttpMethod,
  path: string,
  body?: object,
): Promise<{ status: number; body: unknown }> {
  const fit = await devFitFor(module);
  const headers: Record<string, string> = { authorization: `Bearer ${fit.token}`, accept: 'application/json' };
  if (fit.systemToken) headers['x-forge-oauth-system'] = fit.systemToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function viaForge(method: HttpMethod, path: string, body?: object): Promise<{ status: number; body: unknown }> {
  const { invokeRemote } = await import('@forge/bridge');
  const res = await invokeRemote({ path, method, body });
  return { status: res.status, body: res.body };
}

/** Calls the server and returns the parsed 2xx body; throws `ApiError` otherwise. */
export async function callApi<T>(module: WebModule, method: HttpMethod, path: string, body?: object): Promise<T> {
  let res: { status: number; body: unknown };
  try {
    res = isDevConsole() ? await viaDevConsole(module, method, path, body) : await viaForge(method, path, body);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, 'network', `Could not reach the connector server: ${(e as Error).message}`);
  }
  if (res.status >= 200 && res.status < 300) return res.body as T;
  throw toError(res.status, res.body);
}

/** Fills `:name` placeholders of a contract route path and appends a query string. */
export function routePath(route: string, params: Record<string, string> = {}, query?: Record<string, string>): string {
  const path = route.replace(/^[A-Z]+ /, '').replace(/:([A-Za-z]+)/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`Missing route parameter ${k} for ${route}`);
    return encodeURIComponent(v);
  });
  const qs = query ? new URLSearchParams(query).toString() : '';
  return qs ? `${path}?${qs}` : path;
}

/** The HTTP verb of a contract route such as `'GET /api/admin/items'`. */
export function routeMethod(route: string): HttpMethod {
  return route.split(' ')[0] as HttpMethod;
}
