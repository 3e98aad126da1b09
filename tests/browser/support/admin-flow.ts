/** Drives the admin page's guided flow ("Create Smart Connected Item") the way an admin would. */
import type { Page } from 'playwright-core';
import { choose } from './ui';

export interface SciPlan {
  name: string;
  mode: 'display_only' | 'one_way' | 'two_way' | 'custom';
  project: string;
  module: 'Tasks' | 'Issues';
  jiraProjects: string[];
  issueType?: string;
  displayFields?: string[];
  mappings?: Array<{ jira: string; zoho: string; owner?: 'Zoho Projects owns' | 'Jira owns' | 'Both own' }>;
  options?: Array<'autoCreate' | 'syncStatus' | 'syncComments' | 'syncAttachments' | 'showAssociations'>;
  rule?: { field: string; operator: string; value: string; met: string; notMet: string; createWhenNotMet: boolean };
}

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();

export async function stepTo(page: Page, title: string): Promise<void> {
  await page.getByText(new RegExp(`Step \\d+ of \\d+: ${title}`)).waitFor();
}

/** Walks every step up to (not including) saving; the caller saves and checks the result. */
export async function fillSci(page: Page, plan: SciPlan, onStep?: (step: string) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'Create Smart Connected Item' }).first().click();
  await stepTo(page, 'Sync mode');
  await page.locator('#sci-name').fill(plan.name);
  await page.locator(`input[name="mode"][value="${plan.mode}"]`).check();
  await onStep?.('mode');
  await next(page);

  await stepTo(page, 'Zoho source');
  await choose(page, 'zoho-portal', 'acme');
  await choose(page, 'zoho-project', plan.project);
  await choose(page, 'zoho-module', plan.module);
  await onStep?.('source');
  await next(page);

  await stepTo(page, 'Jira scope');
  if (plan.mode === 'display_only') {
    for (const p of plan.jiraProjects) await choose(page, 'jira-projects', p);
  } else {
    await choose(page, 'jira-project', plan.jiraProjects[0]);
    await choose(page, 'jira-issue-type', plan.issueType ?? 'Task');
  }
  await onStep?.('jira');
  await next(page);

  await stepTo(page, 'Fields');
  for (const f of plan.displayFields ?? []) await choose(page, 'display-fields', f);
  for (const [i, m] of (plan.mappings ?? []).entries()) {
    await page.getByRole('button', { name: 'Add mapping' }).click();
    await choose(page, `mapping-${i}-jira`, m.jira);
    await choose(page, `mapping-${i}-zoho`, m.zoho);
    if (m.owner) await choose(page, `mapping-${i}-owner`, m.owner);
  }
  await onStep?.('fields');
  await next(page);

  await stepTo(page, 'Options');
  for (const o of plan.options ?? []) await page.getByLabel(optionLabel(o)).check();
  await onStep?.('options');
  await next(page);

  if (plan.mode !== 'display_only') {
    await stepTo(page, 'Conditional Sync Rule');
    if (plan.rule) {
      await page.getByLabel('Use a Conditional Sync Rule').check();
      await choose(page, 'rule-field', plan.rule.field);
      await choose(page, 'rule-operator', plan.rule.operator);
      await choose(page, 'rule-value', plan.rule.value);
      await choose(page, 'rule-met-status', plan.rule.met);
      await choose(page, 'rule-not-met-status', plan.rule.notMet);
      if (plan.rule.createWhenNotMet) await page.getByLabel('Create Jira issue when rule is not met').check();
    }
    await onStep?.('rule');
    await next(page);
  }
  await stepTo(page, 'Review');
  await onStep?.('review');
}

export function optionLabel(o: NonNullable<SciPlan['options']>[number]): string {
  return {
    autoCreate: 'Automatically create Jira issues for new Zoho Projects records',
    syncStatus: 'Status sync',
    syncComments: 'Comments sync',
    syncAttachments: 'Attachment sync',
    showAssociations: 'Display associated Zoho Projects records in the issue panel',
  }[o];
}

export async function saveSci(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Save (Smart Connected Item|changes)$/ }).click();
}
