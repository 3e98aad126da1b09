/**
 * Dev console, Chromium, full stack: a newcomer connects Zoho Projects with no Zoho account, using
 * the dev-only demo Self Client box (Zoho simulator) — "Generate code", "Fill the admin form",
 * "Save connection" — and the admin page itself carries none of it.
 */
import type { Page } from 'playwright-core';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../sim/zoho';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

describeWithChromium('Dev console demo Zoho Self Client (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ worker: false }), launchChromium()]);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[dev console error]', e.message));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the demo Self Client; a generated code connects Zoho Projects (United States) through the admin form', async () => {
    await page.goto(`${stack.url}/web/dev-console/#/admin`);
    const box = page.getByTestId('demo-self-client');
    await box.getByText('DEV ONLY').waitFor();
    expect(await box.getByTestId('demo-client-id').textContent()).toBe(DEMO_CLIENT_ID);
    expect(await box.getByTestId('demo-client-secret').textContent()).toBe(DEMO_CLIENT_SECRET);

    await box.getByRole('button', { name: 'Generate code' }).click();
    const code = (await box.getByTestId('demo-code').textContent()) ?? '';
    expect(code).toMatch(/^1000\.\S{10,}/);

    const admin = page.frameLocator('[data-testid="admin-frame"]');
    await admin.getByRole('heading', { name: 'Connect Zoho Projects' }).waitFor();
    await box.getByRole('button', { name: 'Fill the admin form' }).click();
    await box.getByText('Filled in.').waitFor();
    expect(await admin.locator('#client-id').inputValue()).toBe(DEMO_CLIENT_ID);
    expect(await admin.locator('#zoho-code').inputValue()).toBe(code);
    expectNotBlank(await screenshotChecked(page, 'dev-console-demo-self-client'));

    await admin.getByRole('button', { name: 'Save connection' }).click();
    const summary = admin.getByTestId('connection-summary');
    await summary.waitFor({ timeout: 30_000 });
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('United States');
    expect(text).toContain(DEMO_CLIENT_ID);
    const stored = await stack.prisma.zohoConnection.findUnique({ where: { installationId: stack.installationId } });
    expect(stored?.dataCenter).toBe('us');
  }, 90_000);

  it('keeps the admin page itself free of the demo Self Client', async () => {
    await page.goto(`${stack.url}/web/admin/index.html?zjcDev=admin`);
    await page.getByTestId('connection-summary').waitFor();
    expect(await page.getByTestId('demo-self-client').count()).toBe(0);
    expect(await page.content()).not.toContain(DEMO_CLIENT_SECRET);
  }, 60_000);
});
