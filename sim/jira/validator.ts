/**
 * Validates each request against Atlassian's official Jira platform OpenAPI spec with Ajv.
 * The 2.4 MB spec is parsed once per module registry; each operation's validators are compiled on
 * first use and cached, so a simulator starts in milliseconds and pays only for what it serves.
 * (openapi-backend would do the same, but pulls in an ESM-only dependency jest cannot load.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

export interface SpecError {
  message: string;
  instancePath?: string;
  keyword?: string;
  params?: unknown;
}

export interface RequestToValidate {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface ValidationOutcome {
  /** The spec knows this method + path. */
  known: boolean;
  operationId?: string;
  errors: SpecError[];
}

interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

interface SpecOperation {
  operationId?: string;
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}

interface Route {
  method: string;
  regex: RegExp;
  paramNames: string[];
  literalSegments: number;
  operation: SpecOperation;
  compiled?: { params: ValidateFunction; body?: ValidateFunction; bodyRequired: boolean };
}

const SPEC_ID = 'jira-platform.json';

export function jiraSpecPath(): string {
  const candidates = [
    process.env.ZJC_JIRA_OPENAPI_SPEC,
    resolve(__dirname, '../ref/jira-platform-openapi.json'),
    // Compiled layout (dist/sim/jira → sim/ref).
    resolve(__dirname, '../../../sim/ref/jira-platform-openapi.json'),
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`Jira OpenAPI spec not found; set ZJC_JIRA_OPENAPI_SPEC (tried ${candidates.join(', ')})`);
  return found;
}

/** Points local `#/components/...` refs of an operation fragment at the registered spec. */
function retarget(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(retarget);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : retarget(value);
  }
  return out;
}

function toMessage(prefix: string, e: ErrorObject): SpecError {
  const instancePath = `${prefix}${e.instancePath}`;
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${(e.params as { additionalProperty?: string }).additionalProperty})`
      : '';
  return {
    message: `${instancePath || '/'} ${e.message ?? e.keyword}${extra}`,
    instancePath,
    keyword: e.keyword,
    params: e.params,
  };
}

export class JiraSpecValidator {
  private readonly routes: Route[] = [];
  /** Parameters are strings on the wire: coerce ("10" → 10, "a" → ["a"]) before checking. */
  private readonly paramsAjv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    validateSchema: false,
    coerceTypes: 'array',
    logger: false,
  });
  private readonly bodyAjv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    validateSchema: false,
    logger: false,
  });

  constructor(
    spec: { paths: Record<string, Record<string, SpecOperation>>; components?: unknown },
    public loadMs = 0,
  ) {
    const holder = { $id: SPEC_ID, components: spec.components };
    this.paramsAjv.addSchema(holder);
    this.bodyAjv.addSchema(holder);
    for (const [template, ops] of Object.entries(spec.paths)) {
      const segments = template.split('/');
      const paramNames: string[] = [];
      const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = segments
        .map((segment) =>
          segment
            .split(/(\{[^}]+\})/)
            .map((piece) => {
              if (!piece.startsWith('{')) return escape(piece);
              paramNames.push(piece.slice(1, -1));
              return '([^/]+)';
            })
            .join(''),
        )
        .join('/');
      for (const [method, operation] of Object.entries(ops)) {
        if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) continue;
        this.routes.push({
          method: method.toUpperCase(),
          regex: new RegExp(`^${pattern}/?$`),
          paramNames,
          literalSegments: segments.filter((s) => !s.includes('{')).length,
          operation,
        });
      }
    }
    // A literal segment beats a template one (/issue/createmeta/... before /issue/{issueIdOrKey}/...).
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments || a.paramNames.length - b.paramNames.length);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { route, params };
    }
    return undefined;
  }

  private compile(route: Route): NonNullable<Route['compiled']> {
    if (route.compiled) return route.compiled;
    const section = (where: SpecParameter['in']) => {
      const list = (route.operation.parameters ?? []).filter((p) => p.in === where);
      return {
        type: 'object',
        properties: Object.fromEntries(
          list.map((p) => [where === 'header' ? p.name.toLowerCase() : p.name, retarget(p.schema ?? {})]),
        ),
        required: list.filter((p) => p.required).map((p) => (where === 'header' ? p.name.toLowerCase() : p.name)),
      };
    };
    const params = this.paramsAjv.compile({
      type: 'object',
      properties: { path: section('path'), query: section('query'), header: section('header') },
    });
    const content = route.operation.requestBody?.content ?? {};
    const media = content['application/json'] ?? Object.values(content)[0];
    const body = media?.schema ? this.bodyAjv.compile(retarget(media.schema) as object) : undefined;
    route.compiled = { params, body, bodyRequired: Boolean(route.operation.requestBody?.required) };
    return route.compiled;
  }

  validate(req: RequestToValidate): ValidationOutcome {
    const found = this.match(req.method, req.path);
    if (!found) {
      return {
        known: false,
        errors: [{ message: `${req.method} ${req.path} is not an operation of the Jira platform REST API` }],
      };
    }
    const { route, params } = found;
    const compiled = this.compile(route);
    const errors: SpecError[] = [];
    const data = { path: params, query: structuredClone(req.query), header: { ...req.headers } };
    if (!compiled.params(data)) {
      for (const e of compiled.params.errors ?? []) errors.push(toMessage('', e));
    }
    if (req.body === undefined) {
      if (compiled.bodyRequired)
        errors.push({ message: '/requestBody is required', instancePath: '/requestBody', keyword: 'required' });
    } else if (compiled.body && !compiled.body(req.body)) {
      for (const e of compiled.body.errors ?? []) errors.push(toMessage('/requestBody', e));
    }
    return { known: true, operationId: route.operation.operationId, errors };
  }
}

let cached: JiraSpecValidator | undefined;

/** The validator of this module registry (the spec is read on the first call only). */
export async function loadJiraSpecValidator(): Promise<JiraSpecValidator> {
  if (!cached) {
    const started = performance.now();
    const spec = JSON.parse(readFileSync(jiraSpecPath(), 'utf8'));
    cached = new JiraSpecValidator(spec);
    cached.loadMs = Math.round(performance.now() - started);
  }
  return cached;
}
