/**
 * Per-issue sync history: what the connector did on a link and why, as the panel shows it. Built
 * here, from the planners' own outputs (so the history cannot tell a different story than the sync
 * did), with values shortened and scrubbed of anything that looks like a secret.
 */
import type { ConflictRecord } from './conflict';
import { STATUS_FIELD } from './echo';
import { readableValue } from './link-preview';
import { ownerFor } from './mapping';
import type { FieldOwner, JiraField, SmartConnectedItem, ZohoField } from './model';
import type { JiraToZohoPlan, PlanSkip, ZohoToJiraPlan } from './plan-types';

export const HISTORY_KINDS = [
  'field_update',
  'status_transition',
  'comment',
  'attachment',
  'link',
  'unlink',
  'create',
  'failure',
  'skipped',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const HISTORY_DIRECTIONS = ['zoho_to_jira', 'jira_to_zoho'] as const;
export type HistoryDirection = (typeof HISTORY_DIRECTIONS)[number];

export const HISTORY_REASONS = [
  'owner',
  'rule',
  'status_sync',
  'conflict_winner',
  'echo',
  'first_link',
  'manual',
  'auto_create',
  'retry',
  'refused',
  'error',
  'no_safe_transition',
  'conversion_failed',
] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

/** One history row before it is stored (the store adds link, time and the Temporal run). */
export interface HistoryDraft {
  direction: HistoryDirection | null;
  kind: HistoryKind;
  field: string | null;
  from: string | null;
  to: string | null;
  why: HistoryReason | null;
  detail: string | null;
}

/** Longest value text kept (the rest becomes an ellipsis). */
export const HISTORY_VALUE_MAX = 120;

// Bearer/Basic credentials, JWTs, key=value secrets, and long opaque token-like runs.
const SECRET_PATTERNS: RegExp[] = [
  /\b(bearer|basic|zoho-oauthtoken)\s+[\w.~+/=-]{8,}/gi,
  /\beyJ[\w-]{8,}\.[\w-]{8,}(\.[\w-]*)?/g,
  /\b(access_token|refresh_token|client_secret|password|secret|token|api[_-]?key)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
  /\b1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/gi,
  /\b[A-Za-z0-9+/_-]{40,}={0,2}/g,
];

/** Text with credentials replaced by "[redacted]". */
export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((t, re) => t.replace(re, (m, ...groups: unknown[]) => redact(m, groups)), text);
}

function redact(match: string, groups: unknown[]): string {
  const [name, sep] = groups;
  if (typeof name === 'string' && typeof sep === 'string' && /[:=]/.test(sep)) return `${name}${sep}[redacted]`;
  if (typeof name === 'string' && /^(bearer|basic|zoho-oauthtoken)$/i.test(name)) return `${name} [redacted]`;
  return '[redacted]';
}

/** A value as one short, scrubbed line of text, or null when empty. */
export function historyValue(value: unknown): string | null {
  const line = readableValue(value);
  return line === null ? null : shorten(scrubSecrets(line));
}

/** Free text (a failure reason): scrubbed, one line, shortened to a readable sentence or two. */
export function historyDetail(text: string, max = 300): string {
  return shorten(scrubSecrets(text.replace(/\s+/g, ' ').trim()), max);
}

function shorten(text: string, max = HISTORY_VALUE_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Labels = (field: string) => string;

export function fieldLabeller(fields: readonly (JiraField | ZohoField)[] | undefined): Labels {
  const names = new Map((fields ?? []).map((f) => [f.id, f.name]));
  return (id) => (id === STATUS_FIELD ? 'Status' : (names.get(id) ?? id));
}

const OWNER_WORDS: Record<FieldOwner, string> = {
  zoho: 'Zoho owns this field',
  jira: 'Jira owns this field',
  both: 'Two-way field; this side changed it',
};

/** The skips worth a row: the ones a user would otherwise ask "why did it not sync?" about. */
const SKIP_REASON: Partial<Record<PlanSkip['code'], HistoryReason>> = {
  echo: 'echo',
  first_link_kept: 'first_link',
  conflict_lost: 'conflict_winner',
  conversion_failed: 'conversion_failed',
  no_safe_status: 'no_safe_transition',
};

type SciShape = Pick<SmartConnectedItem, 'mode' | 'mappings'>;

function ownerOf(sci: SciShape, jiraFieldId: string): FieldOwner {
  const m = sci.mappings.find((x) => x.jiraFieldId === jiraFieldId);
  return (m && ownerFor(sci.mode, m)) ?? 'zoho';
}

function whyWritten(
  sci: SciShape,
  field: string,
  conflicts: readonly ConflictRecord[],
  side: 'zoho' | 'jira',
): Pick<HistoryDraft, 'why' | 'detail'> {
  const conflict = conflicts.find((c) => c.field === field && c.winner === side);
  if (conflict) {
    const name = side === 'zoho' ? 'Zoho' : 'Jira';
    return { why: 'conflict_winner', detail: `Both sides changed it; ${name} changed it last, so ${name} wins.` };
  }
  return { why: 'owner', detail: OWNER_WORDS[ownerOf(sci, field)] };
}

function skipRows(skipped: readonly PlanSkip[], direction: HistoryDirection, label: Labels, exclude: Set<string>) {
  const rows: HistoryDraft[] = [];
  for (const s of skipped) {
    const why = SKIP_REASON[s.code];
    if (!why || exclude.has(s.field)) continue;
    rows.push({ direction, kind: 'skipped', field: label(s.field), from: null, to: null, why, detail: s.reason });
  }
  return rows;
}

export interface ZohoToJiraHistoryInput {
  sci: SciShape;
  plan: ZohoToJiraPlan;
  /** Jira fields as they were before the edit (issue.fields). */
  jiraBefore: Record<string, unknown>;
  /** Zoho values before a write back (field id → value). */
  zohoBefore: (zohoFieldId: string) => unknown;
  /** Jira field ids the edit applied, and Zoho field ids the write back applied. */
  appliedJira: readonly string[];
  appliedZoho: readonly string[];
  /** The status move, when Jira reached a new status. */
  statusMove?: { from: string; to: string };
  jiraLabel: Labels;
  zohoLabel: Labels;
}

/** Rows for one Zoho → Jira sync of a link (cycle or refresh). */
export function zohoToJiraHistory(input: ZohoToJiraHistoryInput): HistoryDraft[] {
  const { sci, plan } = input;
  const rows: HistoryDraft[] = [];
  const edit = plan.edit?.fields ?? {};
  for (const f of input.appliedJira) {
    if (!(f in edit)) continue;
    rows.push({
      direction: 'zoho_to_jira',
      kind: 'field_update',
      field: input.jiraLabel(f),
      from: historyValue(input.jiraBefore[f]),
      to: historyValue(edit[f]),
      ...whyWritten(sci, f, plan.conflicts, 'zoho'),
    });
  }
  const wroteBack = new Set<string>();
  for (const m of sci.mappings) {
    if (!plan.zohoPatch || !(m.zohoFieldId in plan.zohoPatch) || !input.appliedZoho.includes(m.zohoFieldId)) continue;
    wroteBack.add(m.jiraFieldId);
    const lost = plan.skipped.find((s) => s.field === m.jiraFieldId);
    rows.push({
      direction: 'jira_to_zoho',
      kind: 'field_update',
      field: input.zohoLabel(m.zohoFieldId),
      from: historyValue(input.zohoBefore(m.zohoFieldId)),
      to: historyValue(plan.zohoPatch[m.zohoFieldId]),
      why: lost?.code === 'first_link_kept' ? 'first_link' : 'conflict_winner',
      detail: lost?.reason ?? null,
    });
  }
  if (input.statusMove && plan.status) {
    rows.push({
      direction: 'zoho_to_jira',
      kind: 'status_transition',
      field: 'Status',
      from: historyValue(input.statusMove.from),
      to: historyValue(input.statusMove.to),
      why: plan.status.source === 'rule' ? 'rule' : 'status_sync',
      detail: plan.status.source === 'rule' ? 'The Conditional Sync Rule sets this status.' : 'Status sync.',
    });
  }
  rows.push(...skipRows(plan.skipped, 'zoho_to_jira', input.jiraLabel, wroteBack));
  return rows;
}

export interface JiraToZohoHistoryInput {
  sci: SciShape;
  plan: JiraToZohoPlan;
  zohoBefore: (zohoFieldId: string) => unknown;
  /** Zoho field ids the PATCH applied ('status' for the status). */
  appliedZoho: readonly string[];
  statusBefore: string | null;
  zohoLabel: Labels;
  jiraLabel: Labels;
}

/** Rows for one Jira → Zoho push of a link (event path). */
export function jiraToZohoHistory(input: JiraToZohoHistoryInput): HistoryDraft[] {
  const { sci, plan } = input;
  const rows: HistoryDraft[] = [];
  for (const m of sci.mappings) {
    if (!plan.patch || !(m.zohoFieldId in plan.patch) || !input.appliedZoho.includes(m.zohoFieldId)) continue;
    rows.push({
      direction: 'jira_to_zoho',
      kind: 'field_update',
      field: input.zohoLabel(m.zohoFieldId),
      from: historyValue(input.zohoBefore(m.zohoFieldId)),
      to: historyValue(plan.patch[m.zohoFieldId]),
      ...whyWritten(sci, m.jiraFieldId, plan.conflicts, 'jira'),
    });
  }
  if (plan.status?.kind === 'set' && input.appliedZoho.includes('status')) {
    rows.push({
      direction: 'jira_to_zoho',
      kind: 'status_transition',
      field: 'Status',
      from: historyValue(input.statusBefore),
      to: historyValue(plan.status.status.name),
      why: 'status_sync',
      detail: 'Status sync.',
    });
  }
  rows.push(...skipRows(plan.skipped, 'jira_to_zoho', input.jiraLabel, new Set()));
  return rows;
}

/** A failure row: the reason in words. */
export function failureHistory(
  direction: HistoryDirection | null,
  message: string,
  field: string | null = null,
  why: HistoryReason = 'error',
): HistoryDraft {
  return { direction, kind: 'failure', field, from: null, to: null, why, detail: historyDetail(message) };
}

/** The "why" of a row in the panel's words. */
export const HISTORY_REASON_WORDS: Record<HistoryReason, string> = {
  owner: 'Field owner',
  rule: 'Conditional Sync Rule',
  status_sync: 'Status sync',
  conflict_winner: 'Conflict: last writer wins',
  echo: 'Echo skipped (the connector wrote this value)',
  first_link: 'First link keeps the existing value',
  manual: 'Changed by a user in the panel',
  auto_create: 'Auto-create',
  retry: 'Retry now',
  refused: 'Value refused',
  error: 'Sync failed',
  no_safe_transition: 'No safe workflow path',
  conversion_failed: 'Value cannot be converted',
};
