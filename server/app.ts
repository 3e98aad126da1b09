/**
 * buildApp(deps): the Fastify application without listen(). Schema-first routes (zod), one auth
 * hook (plugins/forge-auth.ts), one error handler (errors.ts), OpenAPI at /openapi.json.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createServerContext, type ServerContext } from './context';
import type { AppDeps } from './deps';
import { devKeySet } from './dev/dev-keys';
import { devRoutes } from './dev/dev-routes';
import { registerErrorHandler } from './errors';
import { createLogger } from './logger';
import forgeAuth from './plugins/forge-auth';
import { createFitVerifier } from './plugins/fit-verifier';
import { adminRoutes } from './routes/admin';
import { forgeEventRoutes } from './routes/forge-events';
import { healthRoutes } from './routes/health';
import { jiraWebhookRoutes } from './routes/jira-webhooks';
import { lifecycleRoutes } from './routes/lifecycle';
import { panelRoutes } from './routes/panel';

/** FITs plus system tokens can exceed Node's default 16 KB header limit. */
export const MAX_HEADER_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServerContext;
  }
}

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

  const ctx = createServerContext(deps, app.log);
  app.decorate('ctx', ctx);
  // The event relay sweeps while the server runs and drains what it holds when the server closes;
  // old settled delivery receipts are pruned meanwhile.
  app.addHook('onReady', async () => {
    ctx.relay.start();
    ctx.receiptRetention.start();
  });
  app.addHook('onClose', async () => {
    await ctx.receiptRetention.stop();
    await ctx.relay.close();
  });

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
    onInvocation: (inv, token) => ctx.installations.recordInvocation(inv, token),
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

  await app.register(healthRoutes, { ctx });
  await app.register(lifecycleRoutes, { ctx });
  await app.register(forgeEventRoutes, { ctx });
  await app.register(jiraWebhookRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(panelRoutes, { ctx });
  if (config.devConsole) await app.register(devRoutes);

  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
