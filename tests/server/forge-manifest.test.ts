/** The Forge app manifest is valid against the schema shipped in @forge/manifest and wires our server routes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const manifest = parse(readFileSync(join(root, 'forge', 'manifest.yml'), 'utf8'));
const schema = JSON.parse(
  readFileSync(join(root, 'node_modules', '@forge', 'manifest', 'out', 'schema', 'manifest-schema.json'), 'utf8'),
);

describe('forge/manifest.yml', () => {
  it('validates against the @forge/manifest JSON schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema really bites: a scheduled trigger with an unknown interval is rejected.
    const broken = structuredClone(manifest);
    broken.modules.scheduledTrigger[0].interval = 'everyMinute';
    expect(validate(broken)).toBe(false);
  });

  it('declares the admin page and issue panel as Custom UI resolved by our remote', () => {
    const { modules, resources } = manifest;
    expect(modules['jira:adminPage'][0]).toMatchObject({
      key: 'zoho-connector-admin',
      resource: 'admin',
      resolver: { endpoint: 'remote-ui' },
    });
    expect(modules['jira:issuePanel'][0]).toMatchObject({
      key: 'zoho-connector-panel',
      resource: 'panel',
      resolver: { endpoint: 'remote-ui' },
    });
    expect(resources).toEqual(
      expect.arrayContaining([
        { key: 'admin', path: '../web/dist/admin' },
        { key: 'panel', path: '../web/dist/panel' },
      ]),
    );
  });

  it('sends issue and comment events (ignoreSelf), lifecycle, keepalive and preUninstall to server routes', () => {
    const { modules } = manifest;
    const events = modules.trigger.flatMap(
      (t: { events: Array<string | { eventType: string; filter?: { ignoreSelf?: boolean } }> }) => t.events,
    );
    const productEvents = events.filter((e: unknown) => typeof e === 'object') as Array<{
      eventType: string;
      filter: { ignoreSelf: boolean };
    }>;
    expect(productEvents.map((e) => e.eventType).sort()).toEqual([
      'avi:jira:commented:issue',
      'avi:jira:created:issue',
      'avi:jira:deleted:comment',
      'avi:jira:deleted:issue',
      'avi:jira:updated:issue',
    ]);
    expect(productEvents.every((e) => e.filter.ignoreSelf === true)).toBe(true);
    expect(events).toEqual(expect.arrayContaining(['avi:forge:installed:app', 'avi:forge:upgraded:app']));
    expect(modules.scheduledTrigger[0]).toMatchObject({ interval: 'fiveMinute' });
    const paths = Object.fromEntries(
      modules.endpoint.map((e: { key: string; route?: { path: string } }) => [e.key, e.route?.path]),
    );
    expect(paths).toMatchObject({
      'remote-issue-events': '/forge/events',
      'remote-lifecycle': '/forge/lifecycle',
      'remote-keepalive': '/forge/keepalive',
      'remote-pre-uninstall': '/forge/pre-uninstall',
    });
    expect(manifest.remotes[0]).toMatchObject({ key: 'connector', baseUrl: '${REMOTE_URL}' });
  });

  it('allows inline styles, which Atlaskit injects at runtime, in the Custom UI content security policy', () => {
    expect(manifest.permissions.content).toEqual({ styles: ['unsafe-inline'] });
  });

  it('requests the scopes the connector needs for an app system token and Jira work', () => {
    expect(manifest.permissions.scopes).toEqual(
      expect.arrayContaining(['read:app-system-token', 'read:jira-work', 'write:jira-work', 'storage:app']),
    );
  });

  // What `forge lint` / `forge deploy` check beyond the schema (each was a real deploy error).
  it('declares every ${VAR} it uses under environment.variables, so Forge substitutes it at deploy time', () => {
    const text = readFileSync(join(root, 'forge', 'manifest.yml'), 'utf8').replace(/^\s*#.*$/gm, '');
    const used = [...new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]))];
    expect(used).toEqual(['REMOTE_URL']);
    expect(manifest.environment.variables).toEqual(expect.arrayContaining(used));
  });

  it('declares storage.inScopeEUD on every remote that stores data', () => {
    for (const remote of manifest.remotes) {
      if (remote.operations.includes('storage')) expect(typeof remote.storage?.inScopeEUD).toBe('boolean');
    }
    expect(manifest.remotes[0].storage).toEqual({ inScopeEUD: true });
  });

  it('ships the issue panel icon inside the built panel resource', () => {
    const [resourceKey, file] = String(manifest.modules['jira:issuePanel'][0].icon)
      .replace(/^resource:/, '')
      .split(';');
    const resource = manifest.resources.find((r: { key: string }) => r.key === resourceKey);
    expect(resource).toBeDefined();
    // npm test builds web/dist before jest runs (scripts/test.mjs).
    expect(existsSync(join(root, 'forge', resource.path, file))).toBe(true);
  });

  it('runs on the current Forge Node runtime', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
  });
});
