/**
 * Atlassian's own checks on forge/manifest.yml, offline: every validation chain of @forge/manifest and
 * the client-side linters of @forge/lint, the versions @forge/cli pins, run the way `forge lint` and
 * `forge deploy` run them (manifest.yml read from the working directory, ${REMOTE_URL} substituted
 * from the shell, resources checked against the built web bundles). Feature gates answer "unknown",
 * as they do for a CLI without network, so each check takes the CLI's own default. The permission
 * linter maps product API calls in function code to scopes: our app has no function code, so it gets
 * the Jira spec we keep (sim/ref) and empty specs for the other products through its documented
 * local-spec switch (USE_LOCAL_SWAGGER) instead of downloading them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFile, FileSystemReader, FileSystemWriter, StatsigReader } from '@forge/cli-shared';
import { lint, type LintLogger } from '@forge/lint';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { parse, stringify } from 'yaml';
import { jiraSpecPath } from '../../sim/jira';

const ROOT = join(__dirname, '..', '..');
const FORGE_DIR = join(ROOT, 'forge');
const LOCAL_SPECS = ['LOCAL_JIRA_SWAGGER', 'LOCAL_JSM_SWAGGER', 'LOCAL_JSW_SWAGGER', 'LOCAL_CONF_SWAGGER'] as const;
const OFFLINE_ENV = ['REMOTE_URL', 'USE_LOCAL_SWAGGER', ...LOCAL_SPECS, 'LOCAL_CONF_V2_SWAGGER', 'LOCAL_BB_SWAGGER'];

/** The CLI's feature gates without network: every gate and dynamic config unknown (null). */
class OfflineGates extends StatsigReader {
  async checkGate(): Promise<null> {
    return null;
  }
  async getDynamicConfig(): Promise<null> {
    return null;
  }
}

const quietLogger: LintLogger = { info: () => undefined, debug: () => undefined } as unknown as LintLogger;

interface Problem {
  check: string;
  level: string;
  message: string;
}

/** Runs every check in `dir` (which holds manifest.yml), as the CLI does from the app directory. */
async function runForgeChecks(dir: string): Promise<Problem[]> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const problems: Problem[] = [];
    const gates = new OfflineGates();
    // The options @forge/lint's manifest linters pass, so both share ProcessorBuilder's compiled chains.
    const options = { deprecatedRuntimes: await gates.getDeprecatedRuntimes() };
    for (const type of Object.values(ValidationTypes)) {
      const result = await ProcessorBuilder.instance().withValidation(type).withOptions(options).build().process();
      for (const e of result.errors ?? [])
        problems.push({ check: `@forge/manifest ${type}`, level: e.level, message: e.message });
    }
    const manifest = await new ConfigFile(new FileSystemReader(), new FileSystemWriter()).readConfig();
    const results = await lint([], manifest, 'production', quietLogger, gates as never, {
      linter: { mode: 'client-side' },
    });
    for (const r of results) {
      for (const e of r.errors) problems.push({ check: `@forge/lint ${r.file}`, level: 'error', message: e.message });
      for (const w of r.warnings)
        problems.push({ check: `@forge/lint ${r.file}`, level: 'warning', message: w.message });
    }
    return problems;
  } finally {
    process.chdir(cwd);
  }
}

const errorsOf = (problems: Problem[]) => problems.filter((p) => p.level === 'error');

/** A copy of the app directory with an edited manifest (the web bundles reachable at ../web as in the repo). */
function brokenApp(edit: (manifest: Record<string, any>) => void): string {
  const base = mkdtempSync(join(tmpdir(), 'zjc-forge-'));
  symlinkSync(join(ROOT, 'web'), join(base, 'web'));
  mkdirSync(join(base, 'forge'));
  const manifest = parse(readFileSync(join(FORGE_DIR, 'manifest.yml'), 'utf8'));
  edit(manifest);
  writeFileSync(join(base, 'forge', 'manifest.yml'), stringify(manifest));
  return join(base, 'forge');
}

describe("Atlassian's Forge validators on forge/manifest.yml", () => {
  const previousEnv = Object.fromEntries(OFFLINE_ENV.map((k) => [k, process.env[k]]));
  const tmpDirs: string[] = [];
  const broken = (edit: (manifest: Record<string, any>) => void) => {
    const dir = brokenApp(edit);
    tmpDirs.push(join(dir, '..'));
    return dir;
  };

  beforeAll(() => {
    // The resources validator needs the built bundles; `npm test` builds them first, this covers a lone run.
    const build = spawnSync('npx', ['tsx', 'scripts/build-web.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    // As the deploying shell would set it (manifest `environment.variables`).
    process.env.REMOTE_URL = 'https://connector.example.com';
    const specs = mkdtempSync(join(tmpdir(), 'zjc-forge-specs-'));
    tmpDirs.push(specs);
    writeFileSync(join(specs, 'empty.json'), JSON.stringify({ paths: {} }));
    process.env.USE_LOCAL_SWAGGER = 'true';
    for (const k of [...LOCAL_SPECS, 'LOCAL_CONF_V2_SWAGGER', 'LOCAL_BB_SWAGGER'])
      process.env[k] = join(specs, 'empty.json');
    process.env.LOCAL_JIRA_SWAGGER = jiraSpecPath();
  }, 300_000);
  afterAll(() => {
    for (const [k, v] of Object.entries(previousEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('reports 0 errors and 0 warnings, as `forge deploy` needs before it uploads', async () => {
    expect(await runForgeChecks(FORGE_DIR)).toEqual([]);
  }, 60_000);

  it('catches a remote without storage.inScopeEUD (the error deploy reported)', async () => {
    const dir = broken((m) => delete m.remotes[0].storage);
    const message = expect.stringMatching(/^missing storage\.inScopeEUD in remote connector/);
    // The full chain of @forge/manifest finds it, and @forge/lint's manifest linter (the same chain) reports it.
    expect(errorsOf(await runForgeChecks(dir))).toEqual([
      { check: '@forge/manifest full', level: 'error', message },
      { check: '@forge/lint manifest.yml', level: 'error', message },
    ]);
  }, 60_000);

  it("catches an egress permission naming the remote's key instead of its address (the other deploy error)", async () => {
    const dir = broken((m) => (m.permissions.external.fetch.backend = ['connector']));
    expect(errorsOf(await runForgeChecks(dir))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: expect.stringMatching(/external\.fetch\.backend.*connector/s) }),
      ]),
    );
  }, 60_000);

  it('catches a resource whose bundle was not built', async () => {
    const dir = broken((m) => (m.resources[0].path = '../web/dist/missing'));
    expect(errorsOf(await runForgeChecks(dir))).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/missing/) })]),
    );
  }, 60_000);

  it('catches a jira:entityProperty index with a value type Jira does not know', async () => {
    const dir = broken((m) => (m.modules['jira:entityProperty'][0].values[0].type = 'keyword'));
    expect(errorsOf(await runForgeChecks(dir))).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: '@forge/manifest full' })]),
    );
  }, 60_000);

  it('refuses a deploy from a shell without REMOTE_URL: the CLI cannot substitute the declared variable', async () => {
    const url = process.env.REMOTE_URL;
    delete process.env.REMOTE_URL;
    try {
      await expect(runForgeChecks(FORGE_DIR)).rejects.toThrow(/manifest\.yml file is not a valid YAML/);
    } finally {
      process.env.REMOTE_URL = url;
    }
  }, 60_000);
});
