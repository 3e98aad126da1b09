/**
 * What the first sync of a new link will change, shown in the link dialog before the user
 * confirms. It runs the same planner as the sync itself (no baseline, no receipts), so the
 * preview cannot promise something the first cycle then does differently.
 */
import { SYNC_MODE_CAPABILITIES } from './capabilities';
import type { JiraField, ZohoField } from './model';
import { planZohoToJira } from './plan-zoho-to-jira';
import type { ZohoToJiraInput, ZohoToJiraPlan } from './plan-types';
import { zohoFieldValue } from './record-fields';
import { chooseJiraTransition } from './status-match';
import { isAdfDoc } from './values/adf';
import { adfToText } from './values/adf-to-html';
import { displayValue } from './values/display';
import { htmlToText } from './values/html-parse';

export type LinkChangeDirection = 'zoho_to_jira' | 'jira_to_zoho';

export interface LinkFieldChange {
  /** Jira field id of the mapping, or '@status'. */
  field: string;
  label: string;
  direction: LinkChangeDirection;
  from: string | null;
  to: string | null;
}

export interface LinkPreview {
  /** False for display-only or disabled items: linking writes nothing. */
  writes: boolean;
  changes: LinkFieldChange[];
  /** Fields the first sync leaves as they are although the sides differ, with the reason. */
  kept: Array<{ field: string; label: string; reason: string }>;
}

const MAX_TEXT = 160;

/** A value as one short line of text (ADF and HTML read as their text). */
export function readableValue(value: unknown): string | null {
  const text = isAdfDoc(value)
    ? adfToText(value)
    : typeof value === 'string' && /<[a-z][^>]*>/i.test(value)
      ? htmlToText(value)
      : displayValue(value);
  const line = text?.replace(/\s+/g, ' ').trim() ?? '';
  if (line === '') return null;
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
}

export function previewFirstLink(input: Omit<ZohoToJiraInput, 'baseline' | 'receipts' | 'transitions'>): LinkPreview {
  const { sci } = input;
  const writes = SYNC_MODE_CAPABILITIES[sci.mode].synchronized && sci.enabled;
  const plan = planZohoToJira({ ...input, baseline: {}, receipts: [] });
  const changes = changesOfPlan(plan, input);
  const jiraLabel = labeller(input.jiraFields);
  const kept = plan.skipped
    .filter((s) => s.code === 'first_link_kept' || s.code === 'conversion_failed' || s.code === 'conflict_lost')
    .filter((s) => !changes.some((c) => c.field === s.field && c.direction === 'jira_to_zoho'))
    .map((s) => ({ field: s.field, label: jiraLabel(s.field), reason: s.reason }));
  return { writes, changes: writes ? changes : [], kept: writes ? kept : [] };
}

/** The field-by-field changes of one Zoho → Jira plan (shared with the cycle's dry-run preview). */
export function changesOfPlan(
  plan: ZohoToJiraPlan,
  input: Pick<ZohoToJiraInput, 'sci' | 'record' | 'issue' | 'jiraFields' | 'zohoFields'>,
): LinkFieldChange[] {
  const { sci, record, issue } = input;
  const jiraLabel = labeller(input.jiraFields);
  const zohoLabel = labeller(input.zohoFields);
  const changes: LinkFieldChange[] = [];
  for (const m of sci.mappings) {
    const f = m.jiraFieldId;
    if (plan.edit && f in plan.edit.fields) {
      changes.push({
        field: f,
        label: jiraLabel(f),
        direction: 'zoho_to_jira',
        from: readableValue(issue.fields[f]),
        to: readableValue(plan.edit.fields[f]),
      });
    }
    if (plan.zohoPatch && m.zohoFieldId in plan.zohoPatch) {
      changes.push({
        field: f,
        label: zohoLabel(m.zohoFieldId),
        direction: 'jira_to_zoho',
        from: readableValue(zohoFieldValue(record, m.zohoFieldId)),
        to: readableValue(plan.zohoPatch[m.zohoFieldId]),
      });
    }
  }
  if (plan.status && chooseJiraTransition(plan.status.target, issue.status, []).kind !== 'already') {
    const target = plan.status.target;
    changes.push({
      field: '@status',
      label: 'Status',
      direction: 'zoho_to_jira',
      from: issue.status.name,
      to: target.name ?? target.statusId ?? null,
    });
  }
  return changes;
}

function labeller(fields: readonly (JiraField | ZohoField)[] | undefined): (id: string) => string {
  const names = new Map((fields ?? []).map((f) => [f.id, f.name]));
  return (id) => names.get(id) ?? id;
}
