/**
 * The dev console is part of buildApp (DEV_CONSOLE=true with a Jira simulator): its demo Zoho Self
 * Client is handed in by the dev wiring (npm run dev sets DEV_ZOHO_CLIENT_ID/SECRET from sim/zoho),
 * never imported by the server; without one the console has no demo Self Client routes.
 */
import { ZOHO_PRODUCT_SCOPES } from '../../integrations/zoho/scopes';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

const DEMO = { clientId: '1000.TESTDEMOCLIENT', clientSecret: 'test-demo-secret' };
// The console's Jira simulator; these tests read nothing from it.
const JIRA_SIM_URL = 'http://127.0.0.1:9';

let withDemo: ServerHarness;
let withoutDemo: ServerHarness;
beforeAll(async () => {
  [withDemo, withoutDemo] = await Promise.all([
    startServerHarness({
      env: {
        DEV_CONSOLE: 'true',
        JIRA_SIM_URL,
        DEV_ZOHO_CLIENT_ID: DEMO.clientId,
        DEV_ZOHO_CLIENT_SECRET: DEMO.clientSecret,
      },
    }),
    startServerHarness({ env: { DEV_CONSOLE: 'true', JIRA_SIM_URL } }),
  ]);
});
afterAll(async () => {
  await Promise.all([withDemo?.close(), withoutDemo?.close()]);
});

it('serves the demo Self Client handed in through the configuration, with the product scopes', async () => {
  const res = await withDemo.call('GET', '/dev/zoho/self-client');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ...DEMO, dataCenter: 'us', scopes: [...ZOHO_PRODUCT_SCOPES] });
  expect((await withDemo.call('GET', '/dev-console')).status).toBe(302);
});

it('has no demo Self Client routes when none is handed in, but still serves the console', async () => {
  expect((await withoutDemo.call('GET', '/dev/zoho/self-client')).status).toBe(404);
  expect((await withoutDemo.call('POST', '/dev/zoho/code')).status).toBe(404);
  expect((await withoutDemo.call('GET', '/dev-console')).status).toBe(302);
});
