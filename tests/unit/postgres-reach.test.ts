/** Regression: `npm run dev` as root in a mode-700 checkout — the postgres user must reach binaries and data. */
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

// The infra scripts are plain ES modules run by node itself (dev, jest globalSetup): call them the same way.
const reach = pathToFileURL(join(__dirname, '..', '..', 'scripts', 'infra', 'postgres-reach.mjs')).href;
function call<T>(fn: 'reachableByOthers' | 'reachableDataDir', arg: string): T {
  const code = `import { ${fn} } from ${JSON.stringify(reach)}; console.log(JSON.stringify(${fn}(${JSON.stringify(arg)})));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as T;
}
const reachableByOthers = (path: string) => call<boolean>('reachableByOthers', path);
const reachableDataDir = (path: string) => call<string>('reachableDataDir', path);

const asRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL in a private checkout', () => {
  const base = mkdtempSync(join(tmpdir(), 'zjc-reach-'));
  chmodSync(base, 0o755); // mkdtemp makes it private
  const privateDir = join(base, 'private');
  mkdirSync(join(privateDir, 'app', '.data'), { recursive: true, mode: 0o700 });
  const openDir = join(base, 'open');
  mkdirSync(join(openDir, 'app', '.data'), { recursive: true, mode: 0o755 });

  it.each([
    [join(privateDir, 'app', '.data'), false],
    [join(openDir, 'app', '.data'), true],
    [join(openDir, 'app', 'not-yet-created'), true],
  ])('%s is reachable by other users: %s', (path, expected) => {
    expect(reachableByOthers(path)).toBe(expected);
  });

  it('as root, a data directory the postgres user cannot reach moves to the shared cache; a reachable one stays', () => {
    const moved = reachableDataDir(join(privateDir, 'app', '.data', 'postgres'));
    const kept = reachableDataDir(join(openDir, 'app', '.data', 'postgres'));
    expect(kept).toBe(join(openDir, 'app', '.data', 'postgres'));
    if (asRoot) {
      expect(moved).not.toContain(privateDir);
      expect(reachableByOthers(moved)).toBe(true);
    } else {
      expect(moved).toBe(join(privateDir, 'app', '.data', 'postgres')); // postgres runs as this user
    }
  });
});
