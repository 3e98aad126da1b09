/**
 * Dry-run preview of a Smart Connected Item's next cycle: the plans the real cycle's planners made
 * (planZohoToJira, planAutoCreate, the pull's rule decision), read as counts and the first rows.
 * It decides nothing itself: every row comes from a plan, so the preview and the cycle cannot disagree.
 */
import { changesOfPlan, readableValue, type LinkFieldChange } from './link-preview';
import type { JiraField, JiraIssue, SmartConnectedItem, ZohoField, ZohoRecord } from './model';
import type { AutoCreatePlan, PlannableSci, ZohoToJiraPlan } from './plan-types';

export type PreviewAction = 'create' | 'link' | 'update' | 'transition' | 'skip';
export const PREVIEW_ACTIONS: readonly PreviewAction[] = ['create', 'link', 'update', 'transition', 'skip'];

export interface PreviewRow {
  action: PreviewAction;
  zohoRecordId: string;
  zohoRecordKey?: string;
  name: string;
  jiraIssueKey?: string;
  /** update: field by field. */
  changes?: LinkFieldChange[];
  /** transition: status names. */
  from?: string | null;
  to?: string | null;
  /** skip: which rule keeps the record out, in words. */
  rule?: string;
  reason?: string;
}

export interface CyclePreview {
  counts: Record<PreviewAction, number>;
  /** Linked records that changed in Zoho but whose plan writes nothing (echo, owners, unchanged values). */
  unchanged: number;
  rows: PreviewRow[];
  /** Rows kept per action. */
  rowLimit: number;
  /** Linked changes planned in detail; beyond it, counted as `unplanned` (each costs a Jira read). */
  unplanned: number;
  fullPass: boolean;
  scanned: number;
  zohoCalls: number;
  jiraCalls: number;
  notices: string[];
}

export function emptyCyclePreview(rowLimit: number, fullPass: boolean): CyclePreview {
  return {
    counts: { create: 0, link: 0, update: 0, transition: 0, skip: 0 },
    unchanged: 0,
    rows: [],
    rowLimit,
    unplanned: 0,
    fullPass,
    scanned: 0,
    zohoCalls: 0,
    jiraCalls: 0,
    notices: [],
  };
}

function add(preview: CyclePreview, row: PreviewRow): void {
  preview.counts[row.action] += 1;
  if (preview.rows.filter((r) => r.action === row.action).length < preview.rowLimit) preview.rows.push(row);
}

const ref = (record: ZohoRecord) => ({
  zohoRecordId: record.id,
  ...(record.key ? { zohoRecordKey: record.key } : {}),
  name: record.name,
});

/** One changed linked record: an update row (fields that change) and/or a transition row. */
export function addLinkPlan(
  preview: CyclePreview,
  input: {
    sci: PlannableSci;
    record: ZohoRecord;
    issue: JiraIssue;
    plan: ZohoToJiraPlan;
    jiraFields?: readonly JiraField[];
    zohoFields?: readonly ZohoField[];
  },
): void {
  const all = changesOfPlan(input.plan, input);
  const changes = all.filter((c) => c.field !== '@status');
  const status = all.find((c) => c.field === '@status');
  const at = { ...ref(input.record), jiraIssueKey: input.issue.key };
  if (changes.length > 0) add(preview, { action: 'update', ...at, changes });
  if (status) add(preview, { action: 'transition', ...at, from: status.from, to: status.to });
  if (changes.length === 0 && !status) preview.unchanged += 1;
}

/** One new record: created (with its initial status), or skipped with the planner's reason. */
export function addAutoCreatePlan(preview: CyclePreview, record: ZohoRecord, plan: AutoCreatePlan): void {
  if (!plan.create) {
    add(preview, { action: 'skip', ...ref(record), rule: 'Auto-create', reason: plan.reason });
    return;
  }
  const to = plan.initialStatus?.name ?? plan.initialStatusId ?? plan.initialStatus?.statusId ?? null;
  add(preview, {
    action: 'create',
    ...ref(record),
    name: readableValue(plan.fields.summary) ?? record.name,
    reason: plan.reason,
    ...(to ? { to } : {}),
  });
}

/** An unlinked record the pull kept out of auto-create, and the rule that did. */
export function addPullSkip(
  preview: CyclePreview,
  sci: Pick<SmartConnectedItem, 'rule'>,
  record: ZohoRecord,
  why: 'rule' | 'once_linked',
): void {
  const rule = sci.rule;
  if (why === 'once_linked') {
    add(preview, {
      action: 'skip',
      ...ref(record),
      rule: 'Linked once before',
      reason: 'This record was linked to a Jira issue before and unlinked since: it is never auto-created again.',
    });
    return;
  }
  const field = rule?.zohoFieldName ?? rule?.zohoFieldId ?? 'field';
  const op = rule?.operator.replace(/_/g, ' ') ?? '';
  add(preview, {
    action: 'skip',
    ...ref(record),
    rule: `Conditional Sync Rule: ${field} ${op}${rule?.value ? ` "${rule.value}"` : ''}`.trim(),
    reason: 'Not met, and "Create Jira issue when rule is not met" is off.',
  });
}

/** An auto-create whose earlier attempt already made the Jira issue: the cycle links it, creates nothing. */
export function addPendingLink(preview: CyclePreview, record: ZohoRecord, jiraIssueKey: string): void {
  add(preview, {
    action: 'link',
    ...ref(record),
    jiraIssueKey,
    reason: 'An earlier auto-create made this issue; the cycle links it.',
  });
}
