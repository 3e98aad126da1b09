/** Small Playwright helpers for Atlassian Design System controls. */
import type { FrameLocator, Locator, Page } from 'playwright-core';

export type Scope = Page | FrameLocator | Locator;

/** Picks an option of an @atlaskit/select by typing into its input and taking the first match. */
export async function choose(scope: Scope, inputId: string, text: string): Promise<void> {
  const input = scope.locator(`#${inputId}`);
  await input.waitFor({ state: 'visible' });
  await expectEnabled(input);
  await input.click();
  await input.fill(text);
  await scope.locator('[role="option"]', { hasText: text }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
}

async function expectEnabled(input: Locator): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await input.isEnabled()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('select stayed disabled (still loading?)');
}

/** Polls until `probe` returns a truthy value; fails with `what` after the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
