/**
 * buildApp(deps): the Fastify application without listen(). Shared resources are plugins that
 * decorate the instance and close with it (plugins/prisma.ts, temporal.ts, clients.ts, events.ts,
 * services.ts); schema-first routes (zod), one auth hook (plugins/forge-auth.ts), one error handler
 * (errors.ts), OpenAPI at /openapi.json.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps';
import { join } from 'node:path';
import { devKeySet, signDevFit } from './dev/dev-keys';
import { devRoutes } from './dev/dev-routes';
import { registerErrorHandler } from './errors';
import { createLogger } from './logger';
import clientsPlugin from './plugins/clients';
import eventsPlugin from './plugins/events';
import forgeAuth from './plugins/forge-auth';
import { createFitVerifier } from './plugins/fit-verifier';
import prismaPlugin from './plugins/prisma';
import servicesPlugin from './plugins/services';
import temporalPlugin from './plugins/temporal';
import { adminRoutes } from './routes/admin';
import { devConsoleRoutes } from './routes/dev-console';
import { forgeEventRoutes } from './routes/forge-events';
import { healthRoutes } from './routes/health';
import { jiraWebhookRoutes } from './routes/jira-webhooks';
import { zohoWebhookRoutes } from './routes/zoho-webhooks';
import { lifecycleRoutes } from './routes/lifecycle';
import { panelRoutes } from './routes/panel';
import { createHistoryRetention } from '../store/sync-history-retention';

/** FITs plus system tokens can exceed Node's default 16 KB header limit. */
export const MAX_HEADER_BYTES = 64 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: (deps.logger ?? createLogger(config.logLevel)) as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const clock = deps.clock ?? (() => new Date());
  // Registered in dependency order; they close in reverse (the relay drains before Temporal and PostgreSQL close).
  await app.register(prismaPlugin, { databaseUrl: config.databaseUrl, client: deps.prisma });
  await app.register(temporalPlugin, {
    connection: config.temporal,
    client: deps.temporal,
    taskQueue: deps.taskQueue,
  });
  await app.register(clientsPlugin, { config, secrets: deps.secrets, registry: deps.clients });
  await app.register(servicesPlugin, { config, clock });
  await app.register(eventsPlugin, {
    retentionDays: config.eventReceiptRetentionDays,
    now: () => clock().getTime(),
    relay: deps.relay,
  });

  const historyRetention = createHistoryRetention(app.prisma, {
    keepDays: config.syncHistoryRetentionDays,
    now: () => clock().getTime(),
    logger: app.log,
  });
  app.addHook('onReady', async () => historyRetention.start());
  app.addHook('onClose', async () => historyRetention.stop());

  await app.register(helmet, { global: true });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Zoho Projects Connector for Jira',
        description: 'Admin page and issue panel API. Every call carries a Forge Invocation Token.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: { forgeInvocationToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ forgeInvocationToken: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const fitKeys = deps.fitKeys ?? (config.devConsole ? devKeySet() : config.forge.jwksUrl);
  await app.register(forgeAuth, {
    verifyFit: createFitVerifier({ appId: config.forge.appId, keys: fitKeys }),
    adminModuleKey: config.forge.adminModuleKey,
    panelModuleKey: config.forge.panelModuleKey,
    webhookSecret: config.webhookSecret,
    onInvocation: (inv, token) => app.installations.recordInvocation(inv, token),
  });

  // Admin and panel routes are rate limited per installation (after auth, so the key is known).
  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: string } | undefined)?.auth;
    if ((auth === 'admin' || auth === 'panel') && !(route.config as { rateLimit?: unknown }).rateLimit) {
      // A copy: route files share their config objects across app instances.
      route.config = {
        ...route.config,
        rateLimit: { max: config.rateLimitPerMinute, timeWindow: 60_000 },
      } as typeof route.config;
    }
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (request) => request.forge?.installationId ?? request.ip,
  });

  await app.register(healthRoutes);
  await app.register(lifecycleRoutes, { prefix: '/forge' });
  await app.register(forgeEventRoutes, { prefix: '/forge' });
  await app.register(jiraWebhookRoutes, { prefix: '/webhooks' });
  await app.register(zohoWebhookRoutes, { prefix: '/webhooks' });
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(panelRoutes, { prefix: '/api/panel' });
  if (config.devConsole) {
    await app.register(devRoutes);
    await registerDevConsole(app, deps);
  }

  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}

/** The dev console, when a Jira simulator is known: defaults from the configuration, overridden by deps.devConsole. */
async function registerDevConsole(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;
  const jiraSimUrl = deps.devConsole?.jiraSimUrl ?? config.jiraSimUrl;
  if (!jiraSimUrl) return;
  await app.register(devConsoleRoutes, {
    webDistDir: join(__dirname, '..', 'web', 'dist'),
    signFit: signDevFit,
    adminModuleKey: config.forge.adminModuleKey,
    panelModuleKey: config.forge.panelModuleKey,
    appId: config.forge.appId,
    // In dev the Zoho API URL is the Zoho simulator, which also serves its /_sim control API.
    zohoSimUrl: config.zoho.apiUrl,
    demoZohoClient: config.devZohoClient,
    ...deps.devConsole,
    jiraSimUrl,
  });
}
