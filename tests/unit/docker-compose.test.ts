/**
 * docker-compose.yml installs Temporal the way Temporal recommends for production: the server image
 * with its schema created and upgraded by the admin tools (temporal-sql-tool), never the
 * getting-started auto-setup image; versions match the binaries `npm run cluster` builds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
  environment?: Record<string, unknown>;
}
const compose = parse(readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const services = compose.services;
// The version `npm run cluster` builds (an ES module jest cannot require: read its constant).
const build = readFileSync(join(__dirname, '..', '..', 'scripts', 'infra', 'temporal-cluster-build.mjs'), 'utf8');
const version = /TEMPORAL_SERVER_VERSION = 'v([\d.]+)'/.exec(build)![1];

describe('docker-compose.yml', () => {
  it('uses no temporalio/auto-setup image', () => {
    for (const s of Object.values(services)) expect(s.image ?? '').not.toMatch(/auto-setup/);
  });

  it('runs temporalio/server at the version the cluster builds, after the schema job', () => {
    expect(services.temporal.image).toBe(`temporalio/server:${version}`);
    expect(services.temporal.depends_on?.['temporal-schema']).toEqual({
      condition: 'service_completed_successfully',
    });
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', DBNAME: 'temporal' });
  });

  it('sets up and upgrades both Temporal databases with temporal-sql-tool', () => {
    const job = services['temporal-schema'];
    expect(job.image).toBe(`temporalio/admin-tools:${version}`);
    const script = (job.entrypoint ?? []).join('\n');
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d']) expect(script).toContain(step);
    expect(script).toContain('temporal_visibility');
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/');
  });

  it('every dependency names a service of the file', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const dep of Object.keys(s.depends_on ?? {}))
        expect([name, dep, dep in services]).toEqual([name, dep, true]);
    }
  });
});
