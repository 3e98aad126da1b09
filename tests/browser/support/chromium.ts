/**
 * Debian's Chromium driven by playwright-core. Locally a missing browser skips the browser suites
 * with a printed reason naming the missing tool; in CI it is a failure, because .ci/run installs
 * Chromium (README, quick start).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** `describe` when Chromium is present; otherwise a skipped suite (locally) or a failing one (CI). */
export function describeWithChromium(name: string, fn: () => void): void {
  if (chromiumAvailable()) {
    describe(name, fn);
    return;
  }
  const reason = `missing tool: Chromium (no browser at ${CHROMIUM_PATH}; \`apt-get install chromium\` or set CHROMIUM_PATH)`;
  if (inCi()) {
    describe(name, () => {
      it('needs Chromium in CI', () => {
        throw new Error(`${reason}; CI must run the browser tests.`);
      });
    });
    return;
  }
  // Only outside CI, only for this documented tool, and the skipped suite's own title says why.
  console.warn(`[browser tests] skipped: ${reason}`);
  describe.skip(`${name} [skipped: ${reason}]`, fn);
}

/** CI=true (GitHub, GitLab, .ci/run) or any other non-empty CI value except "false"/"0". */
function inCi(): boolean {
  const ci = (process.env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile per launch, so runs never share cookies, storage or cache. */
export async function launchChromium(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'zjc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
