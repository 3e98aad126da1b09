/**
 * The admin page's drift check and health view in Chromium against the whole stack: a link whose
 * Jira side drifted from its Zoho owner is found and fixed by "Reconcile now" (grid: "drift found 1
 * / fixed 1"), the health panel shows the Zoho window, the outbox and each item's next runs, and
 * the wizard shows the Zoho budget cost of a one-minute cadence before saving.
 */
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { connectZoho, createItem, jiraSummary, linkManually } from './support/api';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { eventually } from './support/ui';

describeWithChromium('Admin page: drift check and health (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let itemId: string;
  let issueId: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    await connectZoho(stack);
    const item = await createItem(stack, {
      name: 'Website tasks → OPS (drift)',
      mode: 'one_way',
      zohoPortalId: DEMO_PORTAL_ID,
      zohoPortalName: 'acme',
      zohoProjectId: DEMO_PROJECT_IDS.website,
      zohoProjectName: 'Website Relaunch',
      zohoModule: 'tasks',
      jiraProjectIds: ['10000'],
      jiraProjectKeys: ['OPS'],
      jiraIssueTypeId: '10001',
      jiraIssueTypeName: 'Task',
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
    });
    itemId = item.id;
    const record = stack.zoho.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', {
      name: 'Homepage hero copy',
    }) as { id: string };
    const issue = stack.jira.control.seedIssue({
      projectKey: 'OPS',
      issueType: 'Task',
      reporterId: DEMO_ACCOUNTS.alice,
      fields: { summary: 'Homepage hero copy (edited in Jira by hand)' },
    });
    issueId = issue.id;
    await linkManually(stack, itemId, issue, record.id);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[admin page error]', e.message));
    await page.goto(`${stack.url}/web/admin/index.html?zjcDev=admin`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('"Reconcile now" finds the drifted link, fixes it, and the grid says "drift found 1 / fixed 1"', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Website tasks → OPS (drift)' });
    await row.waitFor();
    expect(await row.getByTestId('drift-summary').textContent()).toMatch(/not run yet/);
    await row.getByRole('button', { name: /Reconcile now/ }).click();
    await page.getByText(/Drift check started/).waitFor();
    await eventually(
      'the finished drift check in the grid',
      async () => {
        await page.reload();
        const drift = page
          .getByRole('row')
          .filter({ hasText: 'Website tasks → OPS (drift)' })
          .getByTestId('drift-summary');
        await drift.waitFor();
        return (await drift.getAttribute('data-found')) === '1';
      },
      90_000,
    );
    const drift = page.getByRole('row').filter({ hasText: 'Website tasks → OPS (drift)' }).getByTestId('drift-summary');
    expect(await drift.textContent()).toMatch(/drift found 1 \/ fixed 1/);
    expect(await jiraSummary(stack, issueId)).toBe('Homepage hero copy');
    expectNotBlank(await screenshotChecked(page, 'admin-grid-drift'));
  }, 120_000);

  it('the health panel shows the Zoho window, Jira 429s, the outbox and each item’s next runs', async () => {
    const panel = page.getByTestId('health-panel');
    await panel.getByTestId('health-figures').waitFor();
    expect(await panel.getByTestId('health-zoho-window').textContent()).toMatch(
      /\d+ of 80 \(\d+ background, limit 64; \d+ interactive\)/,
    );
    expect(await panel.getByTestId('health-outbox').textContent()).toMatch(/empty|waiting/);
    const next = panel.getByTestId(`health-item-${itemId}`);
    expect(await next.textContent()).toMatch(/Website tasks → OPS \(drift\) · every 5 min/);
    expect((await next.getByTestId('next-sync').textContent())?.trim()).not.toBe('—');
    await panel.scrollIntoViewIfNeeded();
    expectNotBlank(await screenshotChecked(page, 'admin-health', panel));
  }, 60_000);

  it('the wizard shows the Zoho budget cost of a one-minute cadence before saving', async () => {
    await page
      .getByRole('row')
      .filter({ hasText: 'Website tasks → OPS (drift)' })
      .getByRole('button', { name: /^Edit/ })
      .click();
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^\d+\. Options/ })
      .click();
    const field = page.getByTestId('cadence-field');
    await field.waitFor();
    await page.locator('#zoho-cadence').click();
    await page.getByText('Every minute', { exact: true }).click();
    await eventually('the cost of one minute', async () =>
      /about 2 call\(s\) per 2-minute window for this item/.test(
        (await field.getByTestId('cadence-cost').textContent()) ?? '',
      ),
    );
    expectNotBlank(await screenshotChecked(page, 'admin-cadence-cost', field));
  }, 60_000);
});
