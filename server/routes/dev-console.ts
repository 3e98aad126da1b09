/**
 * The local dev console (registered only when DEV_CONSOLE=true): a page imitating a Jira site that
 * hosts the built admin page and, for any issue of the Jira simulator, the issue panel in an iframe.
 * It also signs short-lived FITs with the local development key (`/dev/fit`), which the web apps'
 * transport sends exactly as Forge would, and lists simulator issues (`/dev/jira/issues`).
 * With a Zoho simulator (zohoSimUrl) and its public demo Self Client (demoZohoClient, handed in by
 * the dev wiring: the product never imports the simulator) it shows that client and mints
 * authorization codes for it (`/dev/zoho/self-client`, `/dev/zoho/code`), so no Zoho account is needed.
 */
import type { FastifyPluginAsync } from 'fastify';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { request } from 'undici';
import { z } from 'zod';
import { ZOHO_PRODUCT_SCOPES } from '../../integrations/zoho/scopes';
import type { DevFitClaims } from '../dev/dev-keys';

export interface DevConsoleOptions {
  /** web/dist: holds admin/, panel/ and dev-console/ (npm run build:web). */
  webDistDir: string;
  /** Base URL of the Jira simulator (issue list of the dev console). */
  jiraSimUrl: string;
  /** The FIT's app.apiBaseUrl (default jiraSimUrl; the simulator also serves /ex/jira/<cloudId>). */
  apiBaseUrl?: string;
  /** Signs a FIT with the local development key (server/dev/dev-keys.ts signDevFit). */
  signFit: (claims: DevFitClaims) => Promise<string>;
  /** The FIT audience; must equal the server's FORGE_APP_ID (default: the signer's dev app id). */
  appId?: string;
  installationId?: string;
  /** The app system token the simulator accepts (sent as x-forge-oauth-system). */
  systemToken?: string;
  adminModuleKey?: string;
  panelModuleKey?: string;
  /** accountId of the Jira user "looking at" the dev console. */
  principal?: string;
  /** Base URL of the Zoho simulator (its /_sim control API); unset = no demo Self Client routes. */
  zohoSimUrl?: string;
  /** The Zoho simulator's demo Self Client (public demo values); unset = no demo Self Client routes. */
  demoZohoClient?: DemoZohoClient;
}

/** A Self Client the Zoho simulator knows (sim/zoho/demo-data.ts), handed in by the dev wiring. */
export interface DemoZohoClient {
  clientId: string;
  clientSecret: string;
}

/** What buildApp takes beyond the configuration (DEV_CONSOLE, JIRA_SIM_URL, FORGE_*, ZOHO_API_URL). */
export type DevConsoleWiring = Partial<DevConsoleOptions>;

/** The Zoho simulator's demo Self Client: public demo values, shown by the dev console only. */
export interface DevZohoSelfClient {
  clientId: string;
  clientSecret: string;
  dataCenter: 'us';
  scopes: string[];
}

export const DEV_INSTALLATION_ID = 'ari:cloud:ecosystem::installation/00000000-0000-4000-8000-0000000de001';
const FIT_TTL_SECONDS = 120;

/** The bundles' file types (a small table instead of @fastify/static, whose deps are ESM-only under jest). */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** A file under `root` for a URL sub-path, or null (never escapes root; directories serve index.html). */
function staticFile(root: string, subPath: string): string | null {
  const base = resolve(root);
  let file = resolve(base, `.${decodeURIComponent(subPath.split('?')[0])}`);
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

const fitQuery = z.object({
  module: z.enum(['admin', 'panel']),
  issueId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

interface SimIssue {
  id: string;
  key: string;
  fields: {
    summary?: string;
    description?: unknown;
    status?: { name?: string; statusCategory?: { key?: string } };
    project?: { id: string; key: string; name?: string };
    issuetype?: { id: string; name?: string };
  };
}

export interface DevIssue {
  id: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: string;
  project: { id: string; key: string; name: string };
  issueType: { id: string; name: string };
}

/** Plain text of an ADF document (the issue view shows the description). */
function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: string; content?: unknown[]; type?: string };
  const inner = (n.content ?? []).map(adfText).join(n.type === 'doc' ? '\n' : '');
  return (n.text ?? '') + inner;
}

function toDevIssue(i: SimIssue): DevIssue {
  return {
    id: i.id,
    key: i.key,
    summary: i.fields.summary ?? '',
    status: i.fields.status?.name ?? '',
    statusCategory: i.fields.status?.statusCategory?.key ?? 'new',
    project: { id: i.fields.project?.id ?? '', key: i.fields.project?.key ?? '', name: i.fields.project?.name ?? '' },
    issueType: { id: i.fields.issuetype?.id ?? '', name: i.fields.issuetype?.name ?? '' },
  };
}

export const devConsoleRoutes: FastifyPluginAsync<DevConsoleOptions> = async (app, opts) => {
  const installationId = opts.installationId ?? DEV_INSTALLATION_ID;
  const systemToken = opts.systemToken ?? 'sim-system-token';
  const jiraBase = opts.jiraSimUrl.replace(/\/+$/, '');

  async function jira<T>(path: string): Promise<T> {
    const res = await request(`${jiraBase}${path}`, {
      headers: { authorization: `Bearer ${systemToken}`, accept: 'application/json' },
    });
    const text = await res.body.text();
    if (res.statusCode >= 400)
      throw Object.assign(new Error(`Jira simulator answered ${res.statusCode} for ${path}`), { statusCode: 502 });
    return JSON.parse(text) as T;
  }
  async function issue(id: string): Promise<SimIssue> {
    return jira<SimIssue>(
      `/rest/api/3/issue/${encodeURIComponent(id)}?fields=summary,description,status,project,issuetype`,
    );
  }

  if (!existsSync(join(opts.webDistDir, 'dev-console', 'index.html'))) {
    app.log.warn({ webDistDir: opts.webDistDir }, 'dev console: web bundles missing; run `npm run build:web`');
  }
  app.get('/web/*', { config: { auth: 'none' }, schema: { hide: true } }, async (req, reply) => {
    const sub = (req.params as { '*': string })['*'];
    const file = staticFile(opts.webDistDir, `/${sub}`);
    if (!file) return reply.code(404).send({ error: { code: 'not_found', message: 'No such dev console file.' } });
    const hashed = file.includes(`${sep}assets${sep}`);
    return reply
      .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(createReadStream(file));
  });

  app.get('/dev-console', { config: { auth: 'none' }, schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/web/dev-console/'),
  );

  app.get('/dev/fit', { config: { auth: 'none' }, schema: { hide: true } }, async (req, reply) => {
    const q = fitQuery.safeParse(req.query);
    if (!q.success)
      return reply
        .code(400)
        .send({ error: { code: 'bad_request', message: 'module must be admin or panel; issueId digits' } });
    const common = {
      installationId,
      apiBaseUrl: opts.apiBaseUrl ?? jiraBase,
      appId: opts.appId,
      principal: opts.principal ?? '5b10a2844c20165700ede21g',
      siteUrl: jiraBase,
      cloudId: '00000000-0000-4000-8000-00000000c10d',
      ttlSeconds: FIT_TTL_SECONDS,
    };
    let claims: DevFitClaims;
    if (q.data.module === 'admin') {
      claims = { ...common, moduleType: 'jira:adminPage', moduleKey: opts.adminModuleKey ?? 'zoho-connector-admin' };
    } else {
      if (!q.data.issueId)
        return reply.code(400).send({ error: { code: 'bad_request', message: 'The panel needs an issueId.' } });
      const i = await issue(q.data.issueId);
      // Forge's issue panel context also carries the issue type id.
      const issueContext = { id: i.id, key: i.key, type: i.fields.issuetype?.name, typeId: i.fields.issuetype?.id };
      claims = {
        ...common,
        moduleType: 'jira:issuePanel',
        moduleKey: opts.panelModuleKey ?? 'zoho-connector-panel',
        issue: issueContext,
        project: { id: i.fields.project?.id ?? '', key: i.fields.project?.key ?? '', type: 'software' },
      };
    }
    const token = await opts.signFit(claims);
    return { token, expiresAt: new Date(Date.now() + FIT_TTL_SECONDS * 1000).toISOString(), systemToken };
  });

  if (opts.zohoSimUrl && opts.demoZohoClient) {
    const zohoSimBase = opts.zohoSimUrl.replace(/\/+$/, '');
    const selfClient: DevZohoSelfClient = {
      clientId: opts.demoZohoClient.clientId,
      clientSecret: opts.demoZohoClient.clientSecret,
      dataCenter: 'us',
      scopes: [...ZOHO_PRODUCT_SCOPES],
    };
    app.get('/dev/zoho/self-client', { config: { auth: 'none' }, schema: { hide: true } }, async () => selfClient);
    // A fresh code for the demo Self Client with the product's scopes, as "Generate Code" in the Zoho API Console.
    app.post('/dev/zoho/code', { config: { auth: 'none' }, schema: { hide: true } }, async () => {
      const res = await request(`${zohoSimBase}/_sim/codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: selfClient.clientId, scopes: selfClient.scopes }),
      });
      const parsed = z.object({ code: z.string().min(1) }).safeParse(await res.body.json().catch(() => null));
      if (res.statusCode >= 400 || !parsed.success) {
        throw Object.assign(new Error(`Zoho simulator answered ${res.statusCode} for /_sim/codes`), {
          statusCode: 502,
        });
      }
      return { code: parsed.data.code };
    });
  }

  app.get('/dev/jira/issues', { config: { auth: 'none' }, schema: { hide: true } }, async () => {
    const projects = await jira<{ values: Array<{ key: string }> }>('/rest/api/3/project/search?maxResults=50');
    const keys = projects.values.map((p) => `"${p.key}"`).join(', ');
    if (!keys) return { issues: [] };
    const jql = encodeURIComponent(`project in (${keys}) ORDER BY key ASC`);
    const found = await jira<{ issues: SimIssue[] }>(
      `/rest/api/3/search/jql?jql=${jql}&maxResults=100&fields=summary,status,project,issuetype`,
    );
    return { issues: found.issues.map(toDevIssue) };
  });

  app.get('/dev/jira/issues/:issueId', { config: { auth: 'none' }, schema: { hide: true } }, async (req) => {
    const { issueId } = z.object({ issueId: z.string().regex(/^[A-Z0-9-]{1,40}$/i) }).parse(req.params);
    const i = await issue(issueId);
    return { ...toDevIssue(i), description: adfText(i.fields.description) };
  });
};
