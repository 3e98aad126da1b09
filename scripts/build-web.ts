/**
 * `npm run build:web`: builds the Forge Custom UI resources web/dist/admin and web/dist/panel and the
 * local dev console web/dist/dev-console, each self-contained with relative asset paths (Forge serves
 * a resource from a sub-path). `npm test` runs this first, so it skips the work when no input changed
 * since the last build (stamp of file sizes and mtimes); `--force` rebuilds anyway.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'web', 'dist');
const APPS = ['admin', 'panel', 'dev-console'] as const;
/** Everything the bundles can import: the apps, the HTTP contract and the core model types. */
const INPUTS = ['web', 'server/contract', 'workflows/core/model.ts', 'scripts/build-web.ts', 'package.json'];

function listFiles(path: string, out: string[]): void {
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return;
  const st = statSync(abs);
  if (st.isFile()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(abs)) {
    if (name === 'dist' || name === 'node_modules') continue;
    listFiles(join(path, name), out);
  }
}

function inputStamp(): string {
  const files: string[] = [];
  for (const p of INPUTS) listFiles(p, files);
  const h = createHash('sha256');
  for (const f of files.sort()) {
    const st = statSync(join(ROOT, f));
    h.update(`${f}:${st.size}:${st.mtimeMs}\n`);
  }
  return h.digest('hex');
}

async function buildApp(app: (typeof APPS)[number]): Promise<void> {
  // Both are ESM-only packages without CommonJS typings under `moduleResolution: node`.
  const { build } = (await import('vite' as string)) as { build: (config: object) => Promise<unknown> };
  const { default: react } = (await import('@vitejs/plugin-react' as string)) as { default: () => object };
  await build({
    configFile: false,
    root: join(ROOT, 'web', app),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: join(DIST, app),
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4000,
      target: 'es2020',
    },
  });
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const stampFile = join(DIST, '.build-stamp');
  const stamp = inputStamp();
  const built = APPS.every((a) => existsSync(join(DIST, a, 'index.html')));
  if (!force && built && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log('[build:web] up to date (inputs unchanged); use --force to rebuild');
    return;
  }
  const started = Date.now();
  for (const app of APPS) {
    const t = Date.now();
    await buildApp(app);
    console.log(`[build:web] ${relative(ROOT, join(DIST, app))} in ${Date.now() - t} ms`);
  }
  writeFileSync(stampFile, stamp);
  console.log(`[build:web] done in ${Date.now() - started} ms`);
}

main().catch((e: unknown) => {
  console.error('[build:web] failed:', e);
  process.exit(1);
});
