/**
 * buildApp owns what it opens: with the configuration alone (production, server/main.ts) it opens
 * PostgreSQL, Temporal and the client registry through its plugins and `app.close()` closes them;
 * resources handed in (tests share theirs) stay open for their owner.
 */
import { buildApp } from '../../server/app';
import { loadServerConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { DEV_APP_ID } from '../support/fit';
import { openServerDeps } from '../support/server-deps';

const env = { ...process.env, FORGE_APP_ID: DEV_APP_ID, LOG_LEVEL: 'silent' };
const quiet = () => createLogger('silent');

it('opens PostgreSQL and Temporal from the configuration and closes them with the app', async () => {
  const app = await buildApp({ config: loadServerConfig(env), logger: quiet() });
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  expect(ready.statusCode).toBe(200);
  expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
  const { temporal } = app;
  await app.close();
  await expect(temporal.workflowService.getSystemInfo({})).rejects.toThrow();
});

it('leaves resources handed in open when the app closes', async () => {
  const deps = await openServerDeps(env);
  try {
    const app = await buildApp({ ...deps, logger: quiet() });
    await app.ready();
    expect(app.prisma).toBe(deps.prisma);
    expect(app.temporal).toBe(deps.temporal);
    await app.close();
    await expect(deps.temporal.workflowService.getSystemInfo({})).resolves.toBeDefined();
    await expect(deps.prisma.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
  } finally {
    await deps.close();
  }
});
