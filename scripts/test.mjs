#!/usr/bin/env node
/**
 * `npm test`: checks formatting (Prettier), builds what the tests need (web bundles for browser
 * tests) and runs every jest suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit' }).status ?? 1;

if (args.length === 0 && !process.env.ZJC_SKIP_FORMAT_CHECK) {
  const format = run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  if (format !== 0) {
    console.error('Formatting differs from Prettier: run `npm run format` and commit.');
    process.exit(format);
  }
}
if (existsSync('scripts/build-web.ts') && !process.env.ZJC_SKIP_WEB_BUILD) {
  const web = run('npx', ['tsx', 'scripts/build-web.ts']);
  if (web !== 0) process.exit(web);
}
process.exit(run('npx', ['jest', ...args]));
