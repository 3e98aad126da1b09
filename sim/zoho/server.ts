import Fastify, { type FastifyInstance } from 'fastify';
import { registerApiGuard } from './api-guard';
import { ZohoCallLog } from './call-log';
import { SimClock } from './clock';
import { resolveConfig, type ZohoSimOptions } from './config';
import type { ZohoSimContext } from './context';
import { createZohoControl, type ZohoSimControl } from './control';
import { loadDemoData } from './demo-data';
import { seedTenant } from './demo-tenant';
import { ZohoFaults } from './faults';
import { methodGuard } from './method-guard';
import { ZohoOAuth } from './oauth';
import { ZohoRateLimiter } from './rate-limit';
import { accountsRoutes } from './routes/accounts-routes';
import { associationRoutes } from './routes/association-routes';
import { attachmentRoutes } from './routes/attachment-routes';
import { commentRoutes } from './routes/comment-routes';
import { controlRoutes } from './routes/control-routes';
import { followerRoutes } from './routes/follower-routes';
import { itemRoutes } from './routes/item-routes';
import { portalRoutes } from './routes/portal-routes';
import { searchRoutes } from './routes/search-routes';
import { settingsRoutes } from './routes/settings-routes';
import { ZohoSimState } from './store';

export interface ZohoSim {
  /** Base URL, e.g. http://127.0.0.1:41234 — serves both the accounts host and the Projects API host. */
  url: string;
  close(): Promise<void>;
  control: ZohoSimControl;
  state: ZohoSimState;
  app: FastifyInstance;
}

/** Build the simulator app without listening (for `inject` tests or custom hosting). */
export async function buildZohoSimApp(
  opts: ZohoSimOptions = {},
): Promise<{ app: FastifyInstance; control: ZohoSimControl; state: ZohoSimState }> {
  const clock = new SimClock(opts.clock);
  const state = new ZohoSimState(clock, resolveConfig(opts));
  const ctx: ZohoSimContext = {
    state,
    oauth: new ZohoOAuth(state),
    limiter: new ZohoRateLimiter(clock, () => state.config.rateLimit),
    faults: new ZohoFaults(),
    log: new ZohoCallLog(),
  };
  if (opts.demo === false) seedTenant(state);
  else loadDemoData(state);
  const control = createZohoControl(ctx);

  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  const guard = methodGuard(app);
  registerApiGuard(app, ctx);
  await app.register(accountsRoutes, { ctx });
  await app.register(async (api) => {
    await api.register(portalRoutes, { ctx });
    await api.register(itemRoutes, { ctx });
    await api.register(commentRoutes, { ctx });
    await api.register(followerRoutes, { ctx });
    await api.register(attachmentRoutes, { ctx });
    await api.register(associationRoutes, { ctx });
    await api.register(searchRoutes, { ctx });
    await api.register(settingsRoutes, { ctx });
  });
  await app.register(controlRoutes, { control });
  guard.install();
  return { app, control, state };
}

/** Start the Zoho simulator (accounts + Projects API V3 + /_sim control) on 127.0.0.1, port 0 by default. */
export async function startZohoSim(opts: ZohoSimOptions = {}): Promise<ZohoSim> {
  const { app, control, state } = await buildZohoSimApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: async () => {
      await app.close();
    },
    control,
    state,
    app,
  };
}
