/**
 * Per-issue sync history (issue 12 §1) in Chromium against the whole stack: a real cycle updates
 * one linked issue's summary from its Zoho owner and fails on the other (Jira refuses the edit: the
 * field is not on its screen, until the admin fixes the screen); the panel shows the update with old → new and why, the failure in words
 * with Retry now and (for admins) the Temporal run, and Retry now syncs the fixed record.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { DEMO_PORTAL_ID } from '../../sim/zoho';
import { callAs, connectZoho, createItem, jiraSummary, linkManually } from './support/api';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { eventually } from './support/ui';

// What Jira answers when a field is not on the edit screen (Atlassian, "Edit issue": 400 with errors per field).
const NOT_ON_SCREEN = "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown.";

describeWithChromium('Issue panel: per-issue sync history (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let itemId: string;
  const issues: Record<'plan' | 'review', { id: string; key: string }> = {} as never;
  const records: Record<'plan' | 'review', string> = {} as never;

  const summaryOf = (issueId: string) => jiraSummary(stack, issueId);
  const openPanel = async (issueId: string): Promise<FrameLocator> => {
    await page.goto(`${stack.url}/web/dev-console/?r=${Date.now()}#/issue/${issueId}`);
    return page.frameLocator('[data-testid="panel-frame"]');
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    await connectZoho(stack);
    const projectId = stack.zoho.control.addProject({ name: 'Roadmap', prefix: 'RM' });
    itemId = (
      await createItem(stack, {
        name: 'Roadmap tasks → OPS',
        mode: 'one_way',
        zohoPortalId: DEMO_PORTAL_ID,
        zohoPortalName: 'acme',
        zohoProjectId: projectId,
        zohoProjectName: 'Roadmap',
        zohoModule: 'tasks',
        jiraProjectIds: ['10000'],
        jiraProjectKeys: ['OPS'],
        jiraIssueTypeId: '10001',
        jiraIssueTypeName: 'Task',
        mappings: [{ jiraFieldId: 'summary', jiraFieldName: 'Summary', zohoFieldId: 'name', zohoFieldName: 'Name' }],
      })
    ).id;
    const pairs = {
      plan: ['Q3 launch plan', 'Q3 plan (draft)'],
      review: ['Roadmap review (Q4)', 'Roadmap review'],
    } as const;
    for (const k of ['plan', 'review'] as const) {
      records[k] = (stack.zoho.control.createRecord(projectId, 'tasks', { name: pairs[k][0] }) as { id: string }).id;
      issues[k] = stack.jira.control.seedIssue({
        projectKey: 'OPS',
        issueType: 'Task',
        reporterId: DEMO_ACCOUNTS.alice,
        fields: { summary: pairs[k][1] },
      });
      await linkManually(stack, itemId, issues[k], records[k]);
    }
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[page error]', e.message));
    stack.jira.control.injectFault({
      kind: 'status',
      method: 'PUT',
      path: new RegExp(`/rest/api/3/issue/(${issues.review.id}|${issues.review.key})$`),
      status: 400,
      body: { errorMessages: [], errors: { summary: NOT_ON_SCREEN } },
    });
    const sync = await callAs(stack, 'admin', 'POST', `/api/admin/items/${itemId}/sync-now`);
    expect(sync.status).toBeLessThan(300);
    await eventually(
      'the cycle’s update and failure',
      async () => {
        const kinds = await stack.prisma.syncHistoryEntry.findMany({
          where: { sciId: itemId },
          select: { kind: true },
        });
        return kinds.some((k) => k.kind === 'field_update') && kinds.some((k) => k.kind === 'failure');
      },
      90_000,
    );
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the update on its issue: field, old → new, direction and why', async () => {
    expect(await summaryOf(issues.plan.id)).toBe('Q3 launch plan');
    const panel = await openPanel(issues.plan.id);
    const history = panel.getByTestId(`panel-item-${itemId}`).getByTestId('link-history');
    const update = history.locator('[data-testid="history-entry"][data-kind="field_update"]').first();
    await update.waitFor({ timeout: 30_000 });
    expect(await update.getByTestId('history-values').textContent()).toBe('Q3 plan (draft) → Q3 launch plan');
    const text = (await update.textContent()) ?? '';
    expect(text).toMatch(/Updated.*Summary.*Zoho → Jira/);
    expect(await update.getByTestId('history-why').textContent()).toMatch(/^Why: .+/);
    // Only this link's history: nothing of the other issue's failure.
    expect(await history.locator('[data-kind="failure"]').count()).toBe(0);
    expectNotBlank(await screenshotChecked(page, 'panel-history', panel.getByTestId(`panel-item-${itemId}`)));
  }, 90_000);

  it('shows the refusal in words with Retry now and the Temporal run; Retry now syncs the fixed record', async () => {
    const panel = await openPanel(issues.review.id);
    const history = panel.getByTestId(`panel-item-${itemId}`).getByTestId('link-history');
    const failure = history.locator('[data-testid="history-entry"][data-kind="failure"]').first();
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.getByTestId('history-reason').textContent()).toContain(NOT_ON_SCREEN);
    expect(await failure.getByRole('link', { name: 'Open in Temporal' }).getAttribute('href')).toMatch(/workflows\//);
    expectNotBlank(await screenshotChecked(page, 'panel-history-failure', panel.getByTestId(`panel-item-${itemId}`)));
    // The admin put Summary back on the screen (the fault answered once); the record also changed since.
    stack.zoho.control.editRecord(records.review, { name: 'Quarterly roadmap review' });
    await failure.getByRole('button', { name: 'Retry now' }).click();
    await history.getByText('Retry started').waitFor();
    await eventually(
      'the retried record in Jira',
      async () => (await summaryOf(issues.review.id)) === 'Quarterly roadmap review',
      60_000,
    );
    await eventually(
      'the retry’s update in the history',
      async () => {
        const again = await openPanel(issues.review.id);
        const first = again
          .getByTestId(`panel-item-${itemId}`)
          .getByTestId('link-history')
          .getByTestId('history-entry')
          .first();
        await first.waitFor({ timeout: 30_000 });
        return (await first.getAttribute('data-kind')) === 'field_update';
      },
      60_000,
    );
  }, 150_000);
});
