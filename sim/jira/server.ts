/**
 * Starts a Jira Cloud simulator (Fastify, in-process or as a process). Each instance has its own
 * data, call log, faults and violation file; the OpenAPI validator is shared per process.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { CallLog, installCallLogHooks, callLogEntryOf } from '../shared/control-call-log';
import { FaultInjector, installFaultHooks } from '../shared/fault-injector';
import { JiraAuth } from './auth';
import type { JiraSimContext } from './context';
import { createJiraControl, type JiraSimControl } from './control';
import { DEMO_API_TOKENS, DEMO_TOKENS, demoSeed } from './demo-data';
import { JiraEvents, type EventDeliveryOptions } from './events';
import { PropertyIndex, propertyIndexFromManifest, type IndexedProperty } from './property-index';
import { installJiraHooks, installJsonParser, isControlPath } from './hooks';
import { JiraRateLimiter, type RateLimitOptions } from './rate-limit';
import { JiraRenderer } from './render';
import { attachmentRoutes } from './routes/attachments';
import { commentRoutes } from './routes/comments';
import { controlRoutes } from './routes/control';
import { issueRoutes } from './routes/issues';
import { metaRoutes } from './routes/meta';
import { propertyRoutes } from './routes/properties';
import { searchRoutes } from './routes/search';
import { loadSeed } from './seed';
import { JiraStore } from './store';
import type { JiraSeed } from './types';
import { loadJiraSpecValidator } from './validator';
import { ViolationRecorder } from './violations';

export interface JiraSimOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** 'demo' (default), 'empty' (demo metadata, no issues) or a full seed. */
  seed?: 'demo' | 'empty' | JiraSeed;
  /** Bearer token → accountId (default DEMO_TOKENS). */
  tokens?: Record<string, string>;
  /** email → API token for Basic auth (default DEMO_API_TOKENS). */
  apiTokens?: Record<string, string>;
  /** Search index lag in ms: writes become visible to JQL only after it (default 0). */
  searchLagMs?: number;
  rateLimit?: RateLimitOptions;
  events?: EventDeliveryOptions;
  cloudId?: string;
  /**
   * Issue properties JQL can search, as `jira:entityProperty` modules declare them (default: those
   * of forge/manifest.yml, the app the simulated site has installed).
   */
  indexedProperties?: IndexedProperty[];
  /** Largest accepted attachment (default 10 MB). */
  maxAttachmentBytes?: number;
  /** Where violations are written (default env ZJC_OPENAPI_VIOLATIONS_DIR). */
  violationsDir?: string;
  logger?: boolean;
  now?: () => number;
}

export interface JiraSim {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The same API under /ex/jira/<cloudId>, like `app.apiBaseUrl` in a Forge invocation. */
  apiBaseUrl: string;
  cloudId: string;
  state: JiraStore;
  control: JiraSimControl;
  app: FastifyInstance;
  /** Validator load time of this process (ms; ~0 after the first instance). */
  validatorLoadMs: number;
  close(): Promise<void>;
}

function resolveSeed(seed: JiraSimOptions['seed']): JiraSeed {
  if (seed === 'empty') return { ...demoSeed(), issues: [] };
  if (!seed || seed === 'demo') return demoSeed();
  return seed;
}

export async function buildJiraApp(
  options: JiraSimOptions = {},
): Promise<{ app: FastifyInstance; ctx: JiraSimContext; control: JiraSimControl }> {
  const validator = await loadJiraSpecValidator();
  const store = new JiraStore({ now: options.now, searchLagMs: options.searchLagMs });
  loadSeed(store, resolveSeed(options.seed));
  const cloudId = options.cloudId ?? 'a1b2c3d4-0000-4000-8000-000000000001';
  const ctxRef = { baseUrl: '' };
  const render = new JiraRenderer(store, () => ctxRef.baseUrl);
  const accountIdByEmail = (email: string) =>
    [...store.users.values()].find((u) => u.emailAddress?.toLowerCase() === email)?.accountId;
  const ctx: JiraSimContext = {
    store,
    render,
    validator,
    cloudId,
    auth: new JiraAuth(options.tokens ?? DEMO_TOKENS, options.apiTokens ?? DEMO_API_TOKENS, accountIdByEmail),
    rateLimiter: new JiraRateLimiter(options.rateLimit, options.now),
    faults: new FaultInjector(),
    calls: new CallLog(),
    violations: new ViolationRecorder(options.violationsDir),
    events: new JiraEvents(store, render, { cloudId, ...options.events }),
    maxAttachmentBytes: options.maxAttachmentBytes ?? 10 * 1024 * 1024,
    propertyIndex: new PropertyIndex(options.indexedProperties ?? propertyIndexFromManifest()),
    get baseUrl() {
      return ctxRef.baseUrl;
    },
    set baseUrl(value: string) {
      ctxRef.baseUrl = value;
    },
  };
  const control = createJiraControl(ctx);

  const app = Fastify({
    logger: options.logger ?? false,
    // Forge hands apps `https://api.atlassian.com/ex/jira/<cloudId>` as the API base: serve it too.
    rewriteUrl: (req) => (req.url ?? '/').replace(/^\/ex\/jira\/[^/]+(?=\/)/, ''),
    forceCloseConnections: true,
  });
  installJsonParser(app);
  await app.register(multipart, { limits: { fileSize: ctx.maxAttachmentBytes, files: 20 }, throwFileSizeLimit: false });
  installCallLogHooks(app, ctx.calls, isControlPath);
  installFaultHooks(app, ctx.faults, {
    skip: isControlPath,
    errorBody: (status) => ({
      errorMessages: [status === 429 ? 'Rate limit exceeded.' : 'Internal server error'],
      errors: {},
    }),
    onFault: (request, kind) => {
      const entry = callLogEntryOf(request);
      if (entry) entry.fault = kind;
    },
  });
  installJiraHooks(app, ctx);
  for (const routes of [metaRoutes, issueRoutes, commentRoutes, attachmentRoutes, propertyRoutes, searchRoutes]) {
    await app.register(routes(ctx));
  }
  await app.register(controlRoutes(control));
  return { app, ctx, control };
}

export async function startJiraSim(options: JiraSimOptions = {}): Promise<JiraSim> {
  const started = performance.now();
  const { app, ctx, control } = await buildJiraApp(options);
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  ctx.baseUrl = url;
  if (options.logger) app.log.info(`Jira simulator on ${url} (ready in ${Math.round(performance.now() - started)} ms)`);
  return {
    url,
    apiBaseUrl: `${url}/ex/jira/${ctx.cloudId}`,
    cloudId: ctx.cloudId,
    state: ctx.store,
    control,
    app,
    validatorLoadMs: ctx.validator.loadMs,
    close: async () => {
      ctx.events.close();
      await app.close();
    },
  };
}
