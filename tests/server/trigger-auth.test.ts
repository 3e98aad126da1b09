/**
 * Regression: a UI module's token (issue panel, admin page) was accepted on the trigger routes — a
 * panel token on /forge/pre-uninstall paused the whole site's sync. Every trigger route × every module
 * of forge/manifest.yml: only the module whose endpoint Forge routes there gets past authentication.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TRIGGER_ROUTE_MODULES } from '../../server/plugins/trigger-modules';
import { adminFit, eventFit, panelFit, type FitTarget } from '../support/fit';
import { startServerHarness, type ServerHarness } from '../support/server-harness';

interface Endpoint {
  key: string;
  route?: { path: string };
}
const manifest = parse(readFileSync(join(__dirname, '..', '..', 'forge', 'manifest.yml'), 'utf8'));
const endpoints: Endpoint[] = manifest.modules.endpoint;
const triggerModules: { key: string; endpoint: string }[] = [
  ...manifest.modules.trigger,
  ...manifest.modules.scheduledTrigger,
  ...manifest.modules.preUninstall,
];
const routeOfModule = (m: { endpoint: string }) => endpoints.find((e) => e.key === m.endpoint)?.route?.path;

let h: ServerHarness;
let t: FitTarget;
beforeAll(async () => {
  h = await startServerHarness();
  t = h.newTarget();
});
afterAll(async () => {
  await h?.close();
});

describe('trigger routes accept only their own Forge trigger module', () => {
  it('the route → module table is the manifest’s endpoint wiring, spelled once', () => {
    const fromManifest: Record<string, string[]> = {};
    for (const m of triggerModules) {
      const path = routeOfModule(m);
      if (path) (fromManifest[path] ??= []).push(m.key);
    }
    expect(fromManifest).toEqual(TRIGGER_ROUTE_MODULES);
  });

  const modules = [
    ...triggerModules.map((m) => ({ name: m.key, fit: () => eventFit(t, m.key) })),
    { name: 'zoho-connector-admin (admin page)', fit: () => adminFit(t) },
    { name: 'zoho-connector-panel (issue panel)', fit: () => panelFit(t, { id: '10001', key: 'OPS-1' }) },
  ];
  const cases = Object.entries(TRIGGER_ROUTE_MODULES).flatMap(([route, allowed]) =>
    modules.map((m) => ({ route, module: m.name, fit: m.fit, allowed: allowed.includes(m.name) })),
  );

  it.each(cases)('$route called by $module → allowed: $allowed', async ({ route, fit, allowed }) => {
    // An empty body: an allowed module gets past authentication and meets validation (or a no-op).
    const res = await h.call('POST', route, { fit: await fit(), body: {} });
    if (allowed) expect(res.status).not.toBe(401);
    else {
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).toContain('its Forge trigger only');
    }
  });

  it('a panel token on /forge/pre-uninstall leaves the installation active', async () => {
    const site = h.newTarget();
    const installed = await h.call('POST', '/forge/lifecycle', {
      fit: await eventFit(site, 'zoho-connector-lifecycle'),
      body: { payload: { eventType: 'avi:forge:installed:app', id: site.installationId } },
      headers: { 'x-forge-oauth-system': 'sim-system-token' },
    });
    expect(installed.status).toBeLessThan(300);
    const res = await h.call('POST', '/forge/pre-uninstall', {
      fit: await panelFit(site, { id: '10001', key: 'OPS-1' }),
      body: {},
    });
    expect(res.status).toBe(401);
    const row = await h.prisma.installation.findUniqueOrThrow({ where: { id: site.installationId } });
    expect(row.status).toBe('active');
  });
});
