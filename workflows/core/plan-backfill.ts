/**
 * Backfill matcher: which existing Jira issue an existing Zoho record is linked to, by the match the
 * admin chose — a Jira field (text custom field or labels) holding the Zoho key or id, or the exact
 * summary = name (case and whitespace normalised). A value matching several issues, or an issue
 * matched by several records, is ambiguous: reported, never linked. The rest may be created.
 */
import type { JiraIssue, ZohoRecord } from './model';
import { valueStrings } from './values/display';

export type BackfillMatch = { by: 'field'; jiraFieldId: string; zohoValue: 'key' | 'id' } | { by: 'summary' };

export interface BackfillOptions {
  /** null: no matching, only creates. */
  match: BackfillMatch | null;
  /** Create Jira issues (through auto-create) for records no issue matches. */
  createRest: boolean;
}

export interface IssueRef {
  id: string;
  key: string;
}

export type BackfillDecision =
  | { kind: 'link'; zohoRecordId: string; issue: IssueRef }
  | { kind: 'ambiguous'; zohoRecordId: string; issues: IssueRef[]; reason: string }
  | { kind: 'create'; zohoRecordId: string }
  | { kind: 'skip'; zohoRecordId: string; reason: string };

/** The stop reason of a backfill an admin cancelled. */
export const BACKFILL_CANCELLED = 'Cancelled by an admin.';

/** Whether two backfills ask for the same thing (a stopped run with the same options is resumed). */
export function sameBackfillOptions(a: BackfillOptions, b: BackfillOptions): boolean {
  const key = (o: BackfillOptions) =>
    [
      o.createRest,
      o.match?.by ?? '',
      o.match?.by === 'field' ? `${o.match.jiraFieldId}|${o.match.zohoValue}` : '',
    ].join('/');
  return key(a) === key(b);
}

/** Case, Unicode form and runs of whitespace do not matter. */
export function normaliseMatchValue(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The Jira fields a backfill search must return to match by. */
export function backfillJiraFields(match: BackfillMatch | null): string[] {
  if (!match) return [];
  return match.by === 'summary' ? ['summary'] : [match.jiraFieldId];
}

/** The normalised value a record is matched by (null: cannot match). */
export function recordMatchValue(record: ZohoRecord, match: BackfillMatch | null): string | null {
  if (!match) return null;
  const raw = match.by === 'summary' ? record.name : match.zohoValue === 'key' ? record.key : record.id;
  const value = raw ? normaliseMatchValue(raw) : '';
  return value === '' ? null : value;
}

/** The normalised values an issue offers (a labels field offers each label). */
export function issueMatchValues(issue: Pick<JiraIssue, 'fields'>, match: BackfillMatch | null): string[] {
  if (!match) return [];
  const raw = issue.fields[match.by === 'summary' ? 'summary' : match.jiraFieldId];
  const values = valueStrings(raw)
    .flatMap((s) => (match.by === 'summary' ? [s] : s.split(/[\s,]+/)))
    .map(normaliseMatchValue)
    .filter((v) => v !== '');
  return [...new Set(values)];
}

export interface BackfillPageInput {
  records: Array<{ zohoRecordId: string; matchValue: string | null }>;
  options: BackfillOptions;
  /** Issues per match value (from the whole Jira scan). */
  issuesByValue: ReadonlyMap<string, readonly IssueRef[]>;
  /** Records of the whole backfill per match value (an issue two records match is ambiguous). */
  recordsPerValue: ReadonlyMap<string, number>;
  /** Records already linked under the item. */
  linkedRecords: ReadonlySet<string>;
  /** Jira issues already linked under the item. */
  linkedIssues: ReadonlySet<string>;
  /** Records linked once and unlinked since: never auto-created again. */
  onceLinked: ReadonlySet<string>;
}

export function planBackfillPage(input: BackfillPageInput): BackfillDecision[] {
  const { options } = input;
  return input.records.map(({ zohoRecordId, matchValue }): BackfillDecision => {
    if (input.linkedRecords.has(zohoRecordId))
      return { kind: 'skip', zohoRecordId, reason: 'Already linked under this item.' };
    const found = matchValue ? (input.issuesByValue.get(matchValue) ?? []) : [];
    const free = found.filter((i) => !input.linkedIssues.has(i.id));
    if (free.length > 1)
      return {
        kind: 'ambiguous',
        zohoRecordId,
        issues: free,
        reason: `${free.length} Jira issues match this record.`,
      };
    if (free.length === 1) {
      const others = (input.recordsPerValue.get(matchValue!) ?? 1) - 1;
      if (others > 0)
        return {
          kind: 'ambiguous',
          zohoRecordId,
          issues: free,
          reason: `${free[0].key} matches this record and ${others} other Zoho record${others > 1 ? 's' : ''}.`,
        };
      return { kind: 'link', zohoRecordId, issue: free[0] };
    }
    if (found.length > 0)
      return { kind: 'skip', zohoRecordId, reason: 'The matching Jira issue is already linked to another record.' };
    if (!options.createRest) return { kind: 'skip', zohoRecordId, reason: 'No Jira issue matches.' };
    if (input.onceLinked.has(zohoRecordId))
      return { kind: 'skip', zohoRecordId, reason: 'Linked once before: never auto-created again.' };
    return { kind: 'create', zohoRecordId };
  });
}
