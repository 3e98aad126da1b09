/**
 * The Jira issue panel in Chromium, hosted by the dev console's issue view (an iframe, as in Jira),
 * against the whole stack: search (1 character refused, 2 accepted), link, refresh, unlink; an
 * auto-managed link cannot be unlinked; associated records expand; first render is measured.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { DEMO_PORTAL_ID, DEMO_PROJECT_IDS } from '../../sim/zoho';
import { callAs, connectZoho, createItem } from './support/api';
import { describeWithChromium, launchChromium, type Browser } from './support/chromium';
import { expectNotBlank, screenshotChecked, writeArtifact } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { eventually } from './support/ui';

interface DevIssue {
  id: string;
  key: string;
  project: { id: string; key: string };
  issueType: { id: string; name: string };
}

const FIRST_RENDER_TARGET_MS = 1000;

describeWithChromium('Issue panel (Chromium, full stack)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let opsIssue: DevIssue;
  let display: { id: string; name: string };
  let oneWay: { id: string; name: string };
  const searches: string[] = [];

  const panel = (): FrameLocator => page.frameLocator('[data-testid="panel-frame"]');
  const card = (sciId: string) => panel().getByTestId(`panel-item-${sciId}`);
  const openIssue = async (id: string) => {
    await page.goto(`${stack.url}/web/dev-console/?r=${Date.now()}#/issue/${id}`);
    await panel().getByTestId('panel').waitFor();
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    await connectZoho(stack);
    const source = { zohoPortalId: DEMO_PORTAL_ID, zohoPortalName: 'acme', zohoProjectName: 'Website Relaunch' };
    display = await createItem(stack, {
      ...source,
      name: 'Website tasks (display)',
      mode: 'display_only',
      zohoProjectId: DEMO_PROJECT_IDS.website,
      zohoModule: 'tasks',
      jiraProjectIds: ['10000', '10001'],
      jiraProjectKeys: ['OPS', 'ENG'],
      displayFields: ['priority', 'billing_type', 'end_date'],
      showAssociations: true,
    });
    oneWay = await createItem(stack, {
      ...source,
      name: 'Mobile tasks → ENG',
      mode: 'one_way',
      zohoProjectId: DEMO_PROJECT_IDS.mobile,
      zohoProjectName: 'Mobile App',
      zohoModule: 'tasks',
      jiraProjectIds: ['10001'],
      jiraProjectKeys: ['ENG'],
      jiraIssueTypeId: '10001',
      jiraIssueTypeName: 'Task',
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
      autoCreate: true,
    });
    const list = (await (await fetch(`${stack.url}/dev/jira/issues`)).json()) as { issues: DevIssue[] };
    opsIssue = list.issues.find((i) => i.project.key === 'OPS')!;
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.warn('[panel page error]', e.message));
    page.on('request', (r) => {
      if (r.url().includes('/search?')) searches.push(new URL(r.url()).searchParams.get('q') ?? '');
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the items that apply to the issue, with the mode and a Link action when nothing is linked', async () => {
    await openIssue(opsIssue.id);
    const c = card(display.id);
    await c.waitFor();
    expect(await c.textContent()).toContain('Display only');
    expect(await panel().getByTestId(`panel-item-${oneWay.id}`).count()).toBe(0); // ENG/Task only
    await c.getByRole('button', { name: 'Link', exact: true }).waitFor();
  }, 60_000);

  it('search: one character is refused with the reason, two characters search; choosing links and refreshes the preview', async () => {
    await card(display.id).getByRole('button', { name: 'Link', exact: true }).click();
    const dialog = panel().getByRole('dialog');
    const box = dialog.getByLabel('Search by name or title');
    await box.fill('d');
    await dialog.getByText('Type at least 2 characters to search Zoho Projects.').waitFor();
    await new Promise((r) => setTimeout(r, 600)); // longer than the debounce: proves no call is made
    expect(searches).toEqual([]);
    expect(await dialog.getByTestId('search-results').count()).toBe(0);
    const refused = await callAs(
      stack,
      'panel',
      'GET',
      `/api/panel/items/${display.id}/search?q=d`,
      undefined,
      ctx(opsIssue),
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);

    await box.fill('de');
    const results = dialog.getByTestId('search-results');
    await results.waitFor();
    expect(searches).toContain('de');
    const choice = results.getByRole('button', { name: /design landing page/ });
    expectNotBlank(await screenshotChecked(page, 'panel-link-dialog'));
    await choice.click();
    // Choosing asks first: a display-only item changes no field, and nothing is linked yet.
    const confirm = dialog.getByTestId('link-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('linking changes no field');
    expect(await stack.prisma.link.count({ where: { sciId: display.id } })).toBe(0);
    await confirm.getByRole('button', { name: 'Link', exact: true }).click();

    const linked = card(display.id).getByTestId('linked-record');
    await linked.waitFor();
    expect(await linked.textContent()).toMatch(/design landing page/);
    expect(await card(display.id).textContent()).toContain('Manual link');
    const open = card(display.id).getByRole('link', { name: 'Open in Zoho Projects' });
    expect(await open.getAttribute('href')).toMatch(/^https?:\/\//);
  }, 60_000);

  it('associated Zoho Projects records appear in groups that expand', async () => {
    const c = card(display.id);
    await c.getByText('Associated Zoho Projects Records').waitFor();
    const expander = c.locator('button[aria-expanded]').first();
    await expander.waitFor();
    expect(await expander.getAttribute('aria-expanded')).toBe('false');
    await expander.click();
    expect(await expander.getAttribute('aria-expanded')).toBe('true');
    const list = c.locator(`#${await expander.getAttribute('aria-controls')}`);
    expect(await list.isVisible()).toBe(true);
  }, 30_000);

  it('Refresh reloads the record preview from Zoho Projects', async () => {
    const link = await stack.prisma.link.findFirstOrThrow({ where: { sciId: display.id } });
    stack.zoho.control.editRecord(link.zohoRecordId, { name: 'Website: design landing page v2' });
    await card(display.id).getByRole('button', { name: 'Refresh' }).click();
    await card(display.id)
      .getByText(/landing page v2/)
      .waitFor();
  }, 30_000);

  it('a record that needs attention shows the reason on its card until it clears', async () => {
    const link = await stack.prisma.link.findFirstOrThrow({ where: { sciId: display.id } });
    const reason =
      'Jira refused the transition toward "Closed" (or another done status) from "In Review": "Done" (In Review → Done): Estimate Hours is required.';
    await stack.prisma.link.update({ where: { id: link.id }, data: { needsAttention: reason } });
    try {
      await openIssue(opsIssue.id);
      const mark = card(display.id).getByTestId('needs-attention');
      await mark.waitFor();
      expect(await mark.textContent()).toBe(`Needs attention: ${reason}`);
      expectNotBlank(await screenshotChecked(page, 'panel-needs-attention'));
    } finally {
      await stack.prisma.link.update({ where: { id: link.id }, data: { needsAttention: null } });
    }
    await openIssue(opsIssue.id);
    await card(display.id).getByTestId('linked-record').waitFor();
    expect(await card(display.id).getByTestId('needs-attention').count()).toBe(0);
  }, 60_000);

  it('first render with a linked record is measured (target < 1 s) and the panel screenshot is not blank', async () => {
    const started = Date.now();
    await openIssue(opsIssue.id);
    await card(display.id).getByTestId('linked-record').waitFor();
    const wall = Date.now() - started;
    const frame = page.frames().find((f) => f.url().includes('/panel/'))!;
    const inFrame = await frame.evaluate(() => window.__zjcPanelRenderedAt ?? -1);
    console.log(
      `[panel] first render with a linked record: ${Math.round(inFrame)} ms inside the frame, ${wall} ms for the whole issue page (target < ${FIRST_RENDER_TARGET_MS} ms)`,
    );
    writeArtifact(
      'panel-first-render.json',
      JSON.stringify({ frameMs: inFrame, pageMs: wall, targetMs: FIRST_RENDER_TARGET_MS }, null, 2),
    );
    expect(inFrame).toBeGreaterThan(0);
    expect(inFrame).toBeLessThan(FIRST_RENDER_TARGET_MS * 3); // guard against regressions on a loaded 2-core CI box
    expectNotBlank(await screenshotChecked(page, 'panel-issue-view'));
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await eventually(
      'the dark theme in the panel',
      async () => (await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))) === 'dark',
    );
    expectNotBlank(await screenshotChecked(page, 'panel-issue-view-dark'));
    await page.getByRole('button', { name: 'Light theme' }).click();
  }, 60_000);

  it('Unlink removes a manual link and offers Link again', async () => {
    await card(display.id).getByRole('button', { name: 'Unlink' }).click();
    await card(display.id).getByRole('button', { name: 'Link', exact: true }).waitFor();
    expect(await stack.prisma.link.count({ where: { sciId: display.id } })).toBe(0);
  }, 30_000);

  it('two-way link dialog shows which fields change in which direction, and keeps a Jira value Zoho lacks (regression: description: null on link)', async () => {
    const twoWay = await createItem(stack, {
      zohoPortalId: DEMO_PORTAL_ID,
      zohoPortalName: 'acme',
      zohoProjectName: 'Website Relaunch',
      name: 'Website tasks ⇄ OPS',
      mode: 'two_way',
      zohoProjectId: DEMO_PROJECT_IDS.website,
      zohoModule: 'tasks',
      jiraProjectIds: [opsIssue.project.id],
      jiraProjectKeys: ['OPS'],
      jiraIssueTypeId: opsIssue.issueType.id,
      jiraIssueTypeName: opsIssue.issueType.name,
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name' },
        { jiraFieldId: 'description', zohoFieldId: 'description' },
      ],
    });
    stack.jira.control.as(DEMO_ACCOUNTS.alice).editIssue(opsIssue.id, {
      summary: 'OPS own summary',
      description: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kept Jira description' }] }],
      },
    });
    stack.zoho.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Quokka rollout checklist' });
    await openIssue(opsIssue.id);
    await card(twoWay.id).getByRole('button', { name: 'Link', exact: true }).click();
    const dialog = panel().getByRole('dialog');
    await dialog.getByLabel('Search by name or title').fill('quokka');
    await dialog
      .getByTestId('search-results')
      .getByRole('button', { name: /Quokka rollout/ })
      .click();
    const changes = dialog.getByTestId('link-changes');
    await changes.waitFor();
    const summary = changes.locator('li[data-direction="zoho_to_jira"]');
    expect(await summary.textContent()).toMatch(
      /Summary.*Zoho Projects → Jira.*OPS own summary.*Quokka rollout checklist/,
    );
    const filled = changes.locator('li[data-direction="jira_to_zoho"]');
    expect(await filled.textContent()).toMatch(/Description.*Jira → Zoho Projects.*\(empty\).*Kept Jira description/);
    expectNotBlank(await screenshotChecked(page, 'panel-link-confirm'));
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByLabel('Search by name or title').waitFor();
    expect(await stack.prisma.link.count({ where: { sciId: twoWay.id } })).toBe(0);
    await callAs(stack, 'admin', 'DELETE', `/api/admin/items/${twoWay.id}`);
  }, 60_000);

  it('an auto-managed link (scheduler-created issue) shows why it cannot be unlinked, and the API refuses it', async () => {
    const run = await callAs(stack, 'admin', 'POST', `/api/admin/items/${oneWay.id}/sync-now`);
    expect(run.status).toBe(202);
    const auto = await eventually(
      'an auto-created link',
      () => stack.prisma.link.findFirst({ where: { sciId: oneWay.id, origin: 'auto' } }),
      90_000,
    );
    await openIssue(auto.jiraIssueId);
    const c = card(oneWay.id);
    await c.getByTestId('linked-record').waitFor();
    expect(await c.textContent()).toContain('Auto-managed');
    expect(await c.getByRole('button', { name: 'Unlink' }).count()).toBe(0);
    await c.getByRole('button', { name: 'Refresh' }).waitFor();
    expect((await c.getByTestId('unlink-blocked').textContent())?.length).toBeGreaterThan(10);
    const issue = (await (await fetch(`${stack.url}/dev/jira/issues/${auto.jiraIssueId}`)).json()) as DevIssue;
    const refused = await callAs<{ error: { code: string } }>(
      stack,
      'panel',
      'DELETE',
      `/api/panel/items/${oneWay.id}/link`,
      undefined,
      ctx(issue),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('auto_managed_link');
    expectNotBlank(await screenshotChecked(page, 'panel-auto-managed'));
  }, 120_000);
});

function ctx(i: DevIssue) {
  return { id: i.id, key: i.key, projectId: i.project.id, projectKey: i.project.key, typeId: i.issueType.id };
}
