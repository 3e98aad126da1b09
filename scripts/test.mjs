#!/usr/bin/env node
/** `npm test`: builds what the tests need (web bundles for browser tests) and runs every jest suite. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
if (existsSync('scripts/build-web.ts') && !process.env.ZJC_SKIP_WEB_BUILD) {
  const web = spawnSync('npx', ['tsx', 'scripts/build-web.ts'], { stdio: 'inherit' });
  if (web.status !== 0) process.exit(web.status ?? 1);
}
const jest = spawnSync('npx', ['jest', ...args], { stdio: 'inherit' });
process.exit(jest.status ?? 1);
