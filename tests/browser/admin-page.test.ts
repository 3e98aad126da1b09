/**
 * The Jira admin page in Chromium against the whole stack (simulators, server, Temporal worker):
 * connect Zoho Projects, create one Smart Connected Item of each mode through the guided flow, see
 * them in the grid, and see the latest sync summary after "Sync now".
 */
import type { Page } from 'playwright-core';
import { ZOHO_SCOPE_BUNDLE } from '../../workflows/core/self-client';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ZOHO_PRODUCT_SCOPES } from '../../sim/zoho';
import { fillSci, saveSci, type SciPlan } from './support/admin-flow';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { choose, eventually } from './support/ui';

const PLANS: SciPlan[] = [
  {
    name: 'Website tasks (display)',
    mode: 'display_only',
    project: 'Website Relaunch',
    module: 'Tasks',
    jiraProjects: ['Operations', 'Engineering'],
    displayFields: ['Priority', 'Due Date'],
    options: ['showAssociations'],
  },
  {
    name: 'Website tasks → OPS',
    mode: 'one_way',
    project: 'Website Relaunch',
    module: 'Tasks',
    jiraProjects: ['Operations'],
    issueType: 'Task',
    mappings: [{ jira: 'Summary', zoho: 'Name' }],
    options: ['autoCreate', 'syncStatus', 'syncComments'],
    rule: {
      field: 'Billing Type',
      operator: 'Equals',
      value: 'billable',
      met: 'In Progress',
      notMet: 'To Do',
      createWhenNotMet: true,
    },
  },
  {
    name: 'Mobile issues ⇄ ENG',
    mode: 'two_way',
    project: 'Mobile App',
    module: 'Issues',
    jiraProjects: ['Engineering'],
    issueType: 'Bug',
    mappings: [{ jira: 'Summary', zoho: 'Name' }],
    options: ['syncComments', 'syncAttachments'],
  },
];

const CUSTOM: SciPlan = {
  name: 'Mobile tasks (custom owners)',
  mode: 'custom',
  project: 'Mobile App',
  module: 'Tasks',
  jiraProjects: ['Engineering'],
  issueType: 'Story',
  mappings: [
    { jira: 'Summary', zoho: 'Name', owner: 'Zoho Projects owns' },
    { jira: 'Summary', zoho: 'Description', owner: 'Jira owns' },
  ],
  options: ['syncStatus'],
};

describeWithChromium('Admin page (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[admin page error]', e.message));
    await page.goto(`${stack.url}/web/dev-console/#/admin`);
    await page.waitForSelector('[data-testid="admin-frame"]');
    // The admin page itself, full width (the dev console hosts the same page in an iframe).
    await page.goto(`${stack.url}/web/admin/index.html?zjcDev=admin`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('the connection screen shows the exact scope bundle with a Copy button and the chosen data center’s API Console', async () => {
    await page.getByRole('heading', { name: 'Connect Zoho Projects' }).waitFor();
    const bundle = page.getByTestId('scope-bundle');
    const scopes = (await bundle.getByLabel('Required OAuth scopes').inputValue()).split(',');
    expect(scopes).toEqual([...ZOHO_SCOPE_BUNDLE]);
    expect(scopes).toEqual([...ZOHO_PRODUCT_SCOPES]); // the guide's list, as the simulator holds it
    const consoleLink = bundle.getByTestId('api-console-link');
    expect(await consoleLink.getAttribute('href')).toBe('https://api-console.zoho.com');
    await choose(page, 'data-center', 'Europe');
    await eventually(
      'the EU API Console link',
      async () => (await consoleLink.getAttribute('href')) === 'https://api-console.zoho.eu',
    );
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    await bundle.getByRole('button', { name: 'Copy scopes' }).click();
    await bundle.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(scopes.join(','));
    expectNotBlank(await screenshotChecked(page, 'admin-connection-scope-bundle'));
    await page.reload(); // the next test starts from an untouched form
  }, 60_000);

  it('refuses a bad code with the likely cause next to the form, then connects and shows the summary', async () => {
    await page.getByRole('heading', { name: 'Connect Zoho Projects' }).waitFor();
    await expect(page.getByRole('button', { name: 'Create Smart Connected Item' }).first().isDisabled()).resolves.toBe(
      true,
    );

    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText('Select the Zoho data center where your portal lives.').waitFor();

    await choose(page, 'data-center', 'Europe');
    await page.getByLabel('Client ID').fill(DEMO_CLIENT_ID);
    await page.getByLabel('Client Secret').fill(DEMO_CLIENT_SECRET);
    await page.getByLabel('Code').fill('1000.not-a-real-code.0000000000');
    await page.getByRole('button', { name: 'Save connection' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The connection was not saved' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Code is fresh|data center|Client/);

    await page.getByLabel('Code').fill(stack.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID }));
    await page.getByRole('button', { name: 'Save connection' }).click();
    const summary = page.getByTestId('connection-summary');
    await summary.waitFor();
    const text = await summary.textContent();
    expect(text).toContain('Europe');
    expect(text).toContain(DEMO_CLIENT_ID);
    expect(text).toMatch(/Zoho user.+\S/);
    expect(text).not.toContain(DEMO_CLIENT_SECRET);
    await page.getByRole('button', { name: 'Revoke Connection' }).waitFor();
    await page.getByText('No Smart Connected Items yet').waitFor();
  }, 60_000);

  it.each(PLANS.map((p) => [p.mode, p] as const))(
    'creates a %s Smart Connected Item through the guided flow',
    async (_mode, plan) => {
      await fillSci(page, plan, async (step) => {
        if (plan.mode === 'one_way' && step === 'rule')
          expectNotBlank(await screenshotChecked(page, 'admin-creation-flow-rule'));
      });
      await saveSci(page);
      await page.getByText(`Saved “${plan.name}”.`).waitFor();
      await page.getByRole('row').filter({ hasText: plan.name }).waitFor();
    },
    90_000,
  );

  it('custom mode: a server field error (duplicate Jira field) lands next to mapping 2, and fixing it saves', async () => {
    await fillSci(page, CUSTOM);
    await saveSci(page);
    // The server answers 422 with error.fields[].field = "mappings.1.jiraFieldId"; the flow returns to Fields.
    const fieldError = page.getByTestId('error-mapping-1-jira');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/already mapped/);
    expectNotBlank(await screenshotChecked(page, 'admin-creation-flow-field-error'));
    await choose(page, 'mapping-1-jira', 'Description');
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^\d+\. Review/ })
      .click();
    await saveSci(page);
    await page.getByText(`Saved “${CUSTOM.name}”.`).waitFor();
  }, 90_000);

  it('lists every item with the spec columns, and shows the latest sync summary after Sync now', async () => {
    const headers = await page.getByRole('columnheader').allTextContents();
    for (const h of [
      'Name',
      'Sync mode',
      'Jira scope',
      'Issue type',
      'Zoho source',
      'Fields or mappings',
      'Associations',
      'Auto-create',
      'Comments sync',
      'Attachment sync',
      'Status sync',
      'Latest sync',
    ]) {
      expect(headers.join('|')).toContain(h);
    }
    for (const plan of [...PLANS, CUSTOM]) await page.getByRole('row').filter({ hasText: plan.name }).waitFor();
    const oneWay = page.getByRole('row').filter({ hasText: 'Website tasks → OPS' });
    expect(await oneWay.textContent()).toMatch(/One-way.*OPS.*Task.*Website Relaunch.*Tasks.*Summary ← Name/);

    await oneWay.getByRole('button', { name: /Sync now/ }).click();
    const summary = oneWay.getByTestId('sync-summary');
    const status = await eventually(
      'a finished sync summary',
      async () => {
        const s = await summary.getAttribute('data-status', { timeout: 500 }).catch(() => null);
        return s && s !== 'running' ? s : null;
      },
      90_000,
    );
    expect(['succeeded', 'partial']).toContain(status);
    const text = (await summary.textContent()) ?? '';
    expect(text).toMatch(/\d+ created · \d+ updated · \d+ skipped · \d+ failed/);
    expect(Number(/(\d+) created/.exec(text)?.[1])).toBeGreaterThan(0);
    const href = await summary.getByRole('link', { name: 'View run in Temporal' }).getAttribute('href');
    expect(href).toMatch(/^https?:\/\/.+\/namespaces\/[^/]+\/workflows\/.+/);
    expectNotBlank(await screenshotChecked(page, 'admin-grid'));
  }, 120_000);

  it('edits an item: the flow opens with its saved values, and the renamed item is saved', async () => {
    await page
      .getByRole('row')
      .filter({ hasText: 'Website tasks (display)' })
      .getByRole('button', { name: /^Edit/ })
      .click();
    await page.getByRole('heading', { name: 'Edit Smart Connected Item' }).waitFor();
    expect(await page.locator('#sci-name').inputValue()).toBe('Website tasks (display)');
    await page.locator('#sci-name').fill('Website tasks (display, renamed)');
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^\d+\. Review/ })
      .click();
    expect(await page.getByTestId('review-summary').textContent()).toMatch(/OPS, ENG.*Associated recordsOn/);
    await saveSci(page);
    await page.getByRole('row').filter({ hasText: 'Website tasks (display, renamed)' }).waitFor();
  }, 60_000);

  it('disables, re-enables and deletes (after confirming) an item', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Mobile issues ⇄ ENG' });
    await row.getByRole('button', { name: /^Disable/ }).click();
    await row.getByText('Disabled').first().waitFor();
    await row.getByRole('button', { name: /^Enable/ }).click();
    await row.getByRole('button', { name: /^Disable/ }).waitFor();
    await row.getByRole('button', { name: /^Delete/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await eventually(
      'the row to disappear',
      async () => (await page.getByRole('row').filter({ hasText: 'Mobile issues ⇄ ENG' }).count()) === 0,
    );
    expect(await page.getByRole('row').filter({ hasText: 'Website tasks → OPS' }).count()).toBe(1);
  }, 60_000);
});
