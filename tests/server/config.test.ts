/** Server settings are parsed once; a missing or bad value names the variable. */
import { loadServerConfig, PRODUCTION_FORGE_JWKS_URL } from '../../server/config';

const valid = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db',
  SECRETS_KEY: 'k1:' + Buffer.alloc(32, 1).toString('base64'),
  FORGE_APP_ID: 'ari:cloud:ecosystem::app/12345678-1234-4123-8123-123456789abc',
};

describe('server configuration', () => {
  it('applies the documented defaults', () => {
    const c = loadServerConfig(valid);
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', devConsole: false, logLevel: 'info', logPretty: false });
    expect(loadServerConfig({ ...valid, LOG_PRETTY: 'true' }).logPretty).toBe(true);
    expect(c.forge.jwksUrl).toBe(PRODUCTION_FORGE_JWKS_URL);
    expect(c.temporal.address).toBe('127.0.0.1:7233');
  });

  it('reads the Zoho call budget from ZOHO_BUDGET_PER_2MIN like the worker (default 80 per 2 minutes)', () => {
    expect(loadServerConfig(valid).zohoBudgetPer2Min).toBe(80);
    expect(loadServerConfig({ ...valid, ZOHO_BUDGET_PER_2MIN: '40' }).zohoBudgetPer2Min).toBe(40);
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL: missing/],
    ['FORGE_APP_ID', { FORGE_APP_ID: 'my-app' }, /FORGE_APP_ID: must be ari:cloud:ecosystem::app\/<uuid>/],
    ['PORT', { PORT: 'eighty' }, /PORT/],
    ['DEV_CONSOLE', { DEV_CONSOLE: 'yes' }, /DEV_CONSOLE/],
    ['LOG_PRETTY', { LOG_PRETTY: '1' }, /LOG_PRETTY/],
    ['FORGE_JWKS_URL', { FORGE_JWKS_URL: 'not a url' }, /FORGE_JWKS_URL/],
    ['TEMPORAL_ADDRESS', { TEMPORAL_ADDRESS: 'x' }, /TEMPORAL_ADDRESS/],
    ['ZOHO_BUDGET_PER_2MIN', { ZOHO_BUDGET_PER_2MIN: '500' }, /ZOHO_BUDGET_PER_2MIN/],
  ])('stops with a message naming %s', (_name, patch, message) => {
    expect(() => loadServerConfig({ ...valid, ...patch } as NodeJS.ProcessEnv)).toThrow(message);
  });
});
