/**
 * The offline Prisma route (scripts/prisma.mjs + scripts/prisma-engine/): Prisma 7's CLI driven
 * through the Wasm schema engine bridge against the real test PostgreSQL, and the runtime client
 * from store/prisma.ts.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createPrisma, type PrismaClient } from '../../store/prisma';

const databaseUrl = () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (jest globalSetup provides it)');
  return url;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs the Prisma CLI through the wrapper, forcing the bridge even where a native engine exists. */
function prisma(args: string[], url = databaseUrl()) {
  const run = spawnSync(process.execPath, ['scripts/prisma.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: url, ZJC_PRISMA_ENGINE: 'bridge', ZJC_PRISMA_QUIET: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: `${run.stdout}\n${run.stderr}` };
}

function bridge(args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/prisma-engine/schema-engine.mjs', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function shadowDatabases(): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

describe('Prisma 7 offline: the Wasm schema engine bridge', () => {
  it('migrate status reports the test database (migrated by globalSetup) up to date', () => {
    const { code, out } = prisma(['migrate', 'status']);
    expect(out).toContain('Database schema is up to date!');
    expect(code).toBe(0);
  });

  it('migrate diff from the committed migrations to schema.prisma is empty, and the shadow database is dropped', async () => {
    const before = await shadowDatabases();
    const { code, out } = prisma([
      'migrate',
      'diff',
      '--from-migrations',
      'prisma/migrations',
      '--to-schema',
      'prisma/schema.prisma',
      '--exit-code',
    ]);
    expect(out).toContain('No difference detected.');
    expect(code).toBe(0);
    expect(await shadowDatabases()).toEqual(before);
  });

  it('migrate diff really compares: a new column in the schema is reported with exit code 2 (never a silent empty diff)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zjc-diff-'));
    try {
      const schema = readFileSync('prisma/schema.prisma', 'utf8').replace(
        /model AutoCreateIntent \{/,
        'model AutoCreateIntent {\n  bridgeProbe String?',
      );
      writeFileSync(join(dir, 'schema.prisma'), schema);
      const { code, out } = prisma([
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        join(dir, 'schema.prisma'),
        '--script',
        '--exit-code',
      ]);
      expect(out).toMatch(/ALTER TABLE "AutoCreateIntent" ADD COLUMN\s+"bridgeProbe" TEXT/);
      expect(code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrate deploy creates a missing database and applies every migration; the one-shot cli commands answer like the native engine', () => {
    const name = `zjc_bridge_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const url = withDatabase(databaseUrl(), name);
    const datasource = JSON.stringify({ url });
    try {
      const missing = bridge(['--datasource', datasource, 'cli', 'can-connect-to-database']);
      expect(missing.code).toBe(1);
      const errorLine = missing.stderr
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l))
        .find((l) => l.level === 'ERROR');
      expect(errorLine.fields.error_code).toBe('P1003');

      const deploy = prisma(['migrate', 'deploy'], url);
      expect(deploy.out).toContain(`database ${name} created`);
      expect(deploy.out).toContain('All migrations have been successfully applied.');
      expect(deploy.code).toBe(0);
      expect(prisma(['migrate', 'status'], url).out).toContain('Database schema is up to date!');
    } finally {
      const dropped = bridge(['--datasource', datasource, 'cli', 'drop-database']);
      expect(dropped.code).toBe(0);
    }
    expect(bridge(['--datasource', datasource, 'cli', 'can-connect-to-database']).code).toBe(1);
  });

  it('the engine reports itself as the bridge and the wrapper honours ZJC_PRISMA_ENGINE / PRISMA_SCHEMA_ENGINE_BINARY', () => {
    expect(bridge(['--version']).stdout).toMatch(/^schema-engine-cli [0-9a-f]{40} \(wasm bridge/);
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      const { chooseSchemaEngine, BRIDGE_PATH } = await import('./scripts/prisma.mjs');
      const forced = chooseSchemaEngine({ ZJC_PRISMA_ENGINE: 'bridge' });
      const native = chooseSchemaEngine({ PRISMA_SCHEMA_ENGINE_BINARY: '/opt/schema-engine' });
      console.log(JSON.stringify([forced.mode, forced.env.PRISMA_SCHEMA_ENGINE_BINARY === BRIDGE_PATH, native.mode, native.env.PRISMA_SCHEMA_ENGINE_BINARY]));
    `,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(probe.stdout)).toEqual(['bridge', true, 'native', '/opt/schema-engine']);
  });
});

describe('createPrisma: the runtime client on @prisma/adapter-pg', () => {
  let db: PrismaClient;
  beforeAll(() => {
    db = createPrisma(databaseUrl());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it('a 19-digit Zoho id (beyond 2^53) survives a create/read round trip exactly, and deleting the installation cascades', async () => {
    const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
    const zohoRecordId = '1752587000000097269';
    expect(Number(zohoRecordId).toString()).not.toBe(zohoRecordId);

    await db.installation.create({
      data: { id: installationId, apiBaseUrl: 'https://api.atlassian.com/ex/jira/test' },
    });
    const sci = await db.smartConnectedItem.create({
      data: {
        installationId,
        name: 'Tasks of project 1752587000000012345',
        mode: 'two_way',
        zohoPortalId: '60012345678',
        zohoProjectId: '1752587000000012345',
        zohoModule: 'tasks',
        jiraProjectIds: ['10000'],
        jiraProjectKeys: ['ZJC'],
        displayFields: ['name', 'status'],
      },
    });
    await db.link.create({
      data: {
        installationId,
        sciId: sci.id,
        jiraIssueId: '10042',
        jiraIssueKey: 'ZJC-42',
        zohoRecordId,
        origin: 'manual',
        baseline: { status: 'hash-1' },
      },
    });

    const found = await db.link.findUniqueOrThrow({ where: { sciId_zohoRecordId: { sciId: sci.id, zohoRecordId } } });
    expect(found.zohoRecordId).toBe(zohoRecordId);
    expect(found.baseline).toEqual({ status: 'hash-1' });
    const reread = await db.smartConnectedItem.findUniqueOrThrow({ where: { id: sci.id } });
    expect(reread.zohoProjectId).toBe('1752587000000012345');
    expect(reread.jiraProjectKeys).toEqual(['ZJC']);

    await db.installation.delete({ where: { id: installationId } });
    expect(await db.link.count({ where: { installationId } })).toBe(0);
  });
});
