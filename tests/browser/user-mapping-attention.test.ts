/**
 * Issue 12 §2 and §7 in Chromium against the whole stack: the admin pairs a Zoho user with a Jira
 * account whose email Jira hides (search on both sides), and the issue panel lists every reason a
 * linked record needs attention (status walk, refused value, unmapped user) with what to do.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS, DEMO_USERS } from '../../sim/zoho';
import { refusedValueAttention, unmappedUserAttention } from '../../workflows/core/attention';
import { callAs, connectZoho, createItem, linkManually } from './support/api';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { eventually } from './support/ui';

const HANA = 'acc-hidden-hana';
const sam = DEMO_USERS[2];

describeWithChromium('User mapping and needs attention (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    stack.jira.state.users.set(HANA, {
      accountId: HANA,
      displayName: 'Hana Hidden',
      accountType: 'atlassian',
      active: true,
    });
    await connectZoho(stack);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[page error]', e.message));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('the admin searches both sides and pairs Sam with Hana, whose email Jira hides', async () => {
    await page.goto(`${stack.url}/web/admin/index.html?zjcDev=admin`);
    const section = page.getByTestId('user-mapping');
    await section.getByRole('heading', { name: 'User mapping' }).waitFor();
    await section.getByLabel('Search Zoho users').fill('sam');
    await section.getByRole('button', { name: `${sam.name} (${sam.email})` }).click();
    await section.getByLabel('Search Jira users').fill('Hana');
    await section.getByRole('button', { name: 'Hana Hidden (email hidden)' }).click();
    await section.getByRole('button', { name: 'Save pair' }).click();
    const row = section.getByTestId(`user-mapping-${sam.zpuid}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Hana Hidden');
    await section.getByText(`${sam.name} is now paired with Hana Hidden.`).waitFor();
    expectNotBlank(await screenshotChecked(page, 'admin-user-mapping', section));
    const saved = await callAs<{ mappings: Array<{ jiraAccountId: string }> }>(
      stack,
      'admin',
      'GET',
      `/api/admin/user-mappings?portalId=${DEMO_PORTAL_ID}`,
    );
    expect(saved.body.mappings.map((m) => m.jiraAccountId)).toEqual([HANA]);
  }, 90_000);

  it('the panel lists every reason a record needs attention, with what to do, and the grid counts the record', async () => {
    const item = await createItem(stack, {
      name: 'Website tasks ⇄ OPS',
      mode: 'two_way',
      zohoPortalId: DEMO_PORTAL_ID,
      zohoPortalName: 'acme',
      zohoProjectId: DEMO_PROJECT_IDS.website,
      zohoProjectName: 'Website Relaunch',
      zohoModule: 'tasks',
      jiraProjectIds: ['10000'],
      jiraProjectKeys: ['OPS'],
      jiraIssueTypeId: '10001',
      jiraIssueTypeName: 'Task',
      mappings: [
        { jiraFieldId: 'summary', jiraFieldName: 'Summary', zohoFieldId: 'name', zohoFieldName: 'Name' },
        { jiraFieldId: 'assignee', jiraFieldName: 'Assignee', zohoFieldId: 'owners', zohoFieldName: 'Owners' },
      ],
      syncStatus: true,
    });
    const issues = (await (await fetch(`${stack.url}/dev/jira/issues`)).json()) as {
      issues: Array<{ id: string; key: string; project: { key: string }; issueType: { id: string } }>;
    };
    const issue = issues.issues.find((i) => i.project.key === 'OPS' && i.issueType.id === '10001')!;
    const record = stack.zoho.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Launch checklist' }) as {
      id: string;
    };
    const link = await linkManually(stack, item.id, issue, record.id);
    const at = new Date().toISOString();
    const attention = [
      refusedValueAttention('Jira', 'summary', 'Summary must be less than 255 characters.', at, 'Summary'),
      ...unmappedUserAttention(
        [
          {
            field: 'assignee',
            code: 'conversion_failed',
            reason: 'Jira hides the email of user "Hidden Hugo", so no Zoho user can be matched',
            unmappedUser: true,
          },
        ],
        'jira_to_zoho',
        at,
        () => 'Assignee',
      ),
    ];
    const statusReason = 'No transition from "In Review" leads to "Done": Estimate Hours is required.';
    await stack.prisma.link.update({
      where: { id: link.id },
      data: { needsAttention: statusReason, attention: attention as unknown as object[] },
    });

    await page.goto(`${stack.url}/web/dev-console/?r=${Date.now()}#/issue/${issue.id}`);
    const panel: FrameLocator = page.frameLocator('[data-testid="panel-frame"]');
    const card = panel.getByTestId(`panel-item-${item.id}`);
    await card.getByTestId('attention-reasons').waitFor();
    expect(await card.getByTestId('needs-attention').textContent()).toBe(`Needs attention: ${statusReason}`);
    const refused = await card.getByTestId('attention-refusedValue').textContent();
    expect(refused).toContain('Needs attention (value refused, Summary): Jira refused the value of "Summary"');
    expect(refused).toContain('What to do: Change "Summary" in Zoho Projects to a value Jira accepts');
    const unmapped = await card.getByTestId('attention-unmappedUser').textContent();
    expect(unmapped).toContain('Needs attention (user not mapped, Assignee)');
    expect(unmapped).toContain('"User mapping"');
    expect(await card.getByTestId('attention-status').textContent()).toContain('What to do: Fill in the fields');
    expectNotBlank(await screenshotChecked(page, 'panel-needs-attention-value'));

    await page.goto(`${stack.url}/web/admin/index.html?zjcDev=admin&r=${Date.now()}`);
    const count = page.getByTestId('links-needing-attention');
    await eventually('the grid counts the record', async () => (await count.count()) > 0);
    expect(await count.textContent()).toBe('1 need attention');
  }, 90_000);
});
