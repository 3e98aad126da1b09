/**
 * The admin page's dry-run preview and backfill in Chromium against the whole stack: "Preview next
 * sync" on a grid row shows the update the next cycle would make and writes nothing; the wizard's
 * Review step previews a draft the same way; "Backfill" runs a dry run first, then links the record
 * whose Jira issue has the same summary and creates an issue for the other, with a progress bar.
 */
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { DEMO_PORTAL_ID } from '../../sim/zoho';
import { connectZoho, createItem, jiraSummary, linkManually } from './support/api';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { eventually } from './support/ui';

const NAME = 'Launch tasks → OPS (backfill)';

describeWithChromium('Admin page: dry-run preview and backfill (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let itemId: string;
  let linkedIssueId: string;
  let projectId: string;
  const ids: Record<string, string> = {};

  const summaryOf = (issueId: string) => jiraSummary(stack, issueId);
  const row = () => page.getByRole('row').filter({ hasText: NAME });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    await connectZoho(stack);
    projectId = stack.zoho.control.addProject({ name: 'Launch', prefix: 'LN' });
    const item = await createItem(stack, {
      name: NAME,
      mode: 'one_way',
      zohoPortalId: DEMO_PORTAL_ID,
      zohoPortalName: 'acme',
      zohoProjectId: projectId,
      zohoProjectName: 'Launch',
      zohoModule: 'tasks',
      jiraProjectIds: ['10000'],
      jiraProjectKeys: ['OPS'],
      jiraIssueTypeId: '10001',
      jiraIssueTypeName: 'Task',
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' }],
    });
    itemId = item.id;
    for (const name of ['Press kit', 'Checkout flow', 'Footer links'])
      ids[name] = (stack.zoho.control.createRecord(projectId, 'tasks', { name }) as { id: string }).id;
    const seed = (summary: string) =>
      stack.jira.control.seedIssue({
        projectKey: 'OPS',
        issueType: 'Task',
        reporterId: DEMO_ACCOUNTS.alice,
        fields: { summary },
      });
    const linked = seed('Press kit (old title)');
    linkedIssueId = linked.id;
    seed('Checkout flow');
    await linkManually(stack, itemId, linked, ids['Press kit']);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[admin page error]', e.message));
    await page.goto(`${stack.url}/web/admin/index.html?zjcDev=admin`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('"Preview next sync" shows the update the next cycle would make, field by field, and writes nothing', async () => {
    await row()
      .getByRole('button', { name: /Preview next sync/ })
      .click();
    const preview = page.getByRole('dialog').getByTestId('cycle-preview');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.getByTestId('preview-count-update').textContent()).toBe('Update 1');
    const rows = preview.getByTestId('preview-rows');
    expect(await rows.textContent()).toMatch(/Summary: Press kit \(old title\) → Press kit \(Zoho → Jira\)/);
    expect(await preview.textContent()).toMatch(/Nothing was written/);
    expect(await summaryOf(linkedIssueId)).toBe('Press kit (old title)');
    expectNotBlank(await screenshotChecked(page, 'admin-preview', page.getByRole('dialog')));
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }, 90_000);

  it('the wizard’s Review step previews the draft with the same planner', async () => {
    await row().getByRole('button', { name: /^Edit/ }).click();
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /^\d+\. Review/ })
      .click();
    const section = page.getByTestId('review-preview');
    await section.getByRole('button', { name: /Preview the first sync/ }).click();
    await section.getByTestId('cycle-preview').waitFor({ timeout: 60_000 });
    expect(await section.getByTestId('preview-count-update').textContent()).toBe('Update 1');
    expect(await summaryOf(linkedIssueId)).toBe('Press kit (old title)');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await row().waitFor();
  }, 90_000);

  it('"Backfill" runs a dry run first, then links by summary and creates the rest, with a progress bar', async () => {
    await row()
      .getByRole('button', { name: /^Backfill/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('match-summary--radio-input').check();
    await dialog.getByTestId('backfill-create-rest--hidden-checkbox').check();
    expect(await dialog.getByRole('button', { name: 'Run backfill' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    const dry = dialog.getByTestId('backfill-dry-run');
    await eventually('the finished dry run', async () => /Done/.test((await dry.textContent()) ?? ''), 60_000);
    expect(await dry.textContent()).toMatch(/Would link 1.*Would create 1/);
    expect(await stack.prisma.link.count({ where: { sciId: itemId } })).toBe(1);

    await dialog.getByRole('button', { name: 'Run backfill' }).click();
    const run = dialog.getByTestId('backfill-run');
    await eventually('the finished backfill', async () => /Done/.test((await run.textContent()) ?? ''), 90_000);
    expect(await run.textContent()).toMatch(/Linked 1.*Created 1.*Failed 0/);
    const bar = run.getByTestId('backfill-progress-bar');
    expect(Number(await bar.getAttribute('value'))).toBe(Number(await bar.getAttribute('max')));
    const links = await stack.prisma.link.findMany({ where: { sciId: itemId } });
    expect(links.map((l) => l.zohoRecordId).sort()).toEqual(Object.values(ids).sort());
    expectNotBlank(await screenshotChecked(page, 'admin-backfill-progress', dialog));
  }, 180_000);

  it('"Zoho webhook" issues a token once, the path starts the cycle, and the grid shows it on', async () => {
    await page.reload();
    await row()
      .getByRole('button', { name: /^Zoho webhook/ })
      .click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('zoho-webhook-state').textContent()).toMatch(/^Off/);
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    const path = (await dialog.getByTestId('zoho-webhook-path').textContent())!;
    expect(path).toMatch(new RegExp(`^/webhooks/zoho/${itemId}\\?token=[\\w-]{32}$`));
    expectNotBlank(await screenshotChecked(page, 'admin-zoho-webhook', dialog));
    const delivery = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'issue_id=1&action=updated',
    });
    expect(delivery.status).toBe(202);
    expect(await delivery.json()).toEqual({ accepted: true, triggered: true });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await row()
      .getByRole('button', { name: /^Zoho webhook: on/ })
      .waitFor();
  }, 60_000);
});
