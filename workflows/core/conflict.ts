/**
 * Conflict policy for fields both sides own: when both changed since the last sync (per-field
 * baseline hashes), the last writer by source timestamp wins and the conflict is recorded.
 */
import { toEpochMs } from './values/dates';

/** Last synced canonical hashes of one field on each side. */
export interface FieldBaseline {
  zohoHash?: string;
  jiraHash?: string;
  /** The first sync kept a Jira value rather than clear it with an empty Zoho one (see keepsJiraValue). */
  keptJiraValue?: boolean;
  /**
   * Multi-user Zoho fields: the users (zpuids) this mapping carried at the last sync — the only
   * ones a later write may remove (see values/user-changes.ts).
   */
  zohoUsers?: string[];
}
/** Per SCI link: baseline per mapped Jira field id (and '@status'). */
export type SyncBaseline = Record<string, FieldBaseline>;

export type ConflictWinner = 'zoho' | 'jira';

export interface ConflictRecord {
  field: string;
  zohoValue: unknown;
  jiraValue: unknown;
  winner: ConflictWinner;
  zohoModifiedAt: string | null;
  jiraUpdatedAt: string | null;
}

export interface FieldChanges {
  zohoChanged: boolean;
  jiraChanged: boolean;
}

/** Which sides changed since the baseline. With no baseline yet, a side "changed" if the sides differ. */
export function changesSince(
  baseline: FieldBaseline | undefined,
  zohoHash: string,
  jiraHash: string,
  sidesEqual: boolean,
): FieldChanges {
  if (!baseline || (baseline.zohoHash === undefined && baseline.jiraHash === undefined)) {
    return { zohoChanged: !sidesEqual, jiraChanged: !sidesEqual };
  }
  return {
    zohoChanged: baseline.zohoHash !== zohoHash,
    jiraChanged: baseline.jiraHash !== jiraHash,
  };
}

/**
 * The first sync of a link (no baseline for the field yet) never overwrites a value with an
 * empty one: an empty Zoho value leaves the Jira value alone, and keeps leaving it alone while
 * Zoho stays as it was then. A Zoho edit afterwards is a real change and syncs as usual.
 */
export function keepsJiraValue(
  baseline: FieldBaseline | undefined,
  zohoHash: string,
  zohoEmpty: boolean,
  jiraEmpty: boolean,
): boolean {
  if (!zohoEmpty || jiraEmpty) return false;
  if (!baseline || (baseline.zohoHash === undefined && baseline.jiraHash === undefined)) return true;
  return baseline.keptJiraValue === true && baseline.zohoHash === zohoHash;
}

/**
 * Last writer wins by source timestamp (Zoho last_modified_time vs Jira updated). A missing
 * timestamp counts as oldest; an exact tie goes to Zoho, the scheduled source of record.
 */
export function lastWriter(
  zohoModifiedAt: string | null | undefined,
  jiraUpdatedAt: string | null | undefined,
): ConflictWinner {
  const zoho = toEpochMs(zohoModifiedAt) ?? -Infinity;
  const jira = toEpochMs(jiraUpdatedAt) ?? -Infinity;
  return jira > zoho ? 'jira' : 'zoho';
}

export function resolveConflict(input: {
  field: string;
  zohoValue: unknown;
  jiraValue: unknown;
  zohoModifiedAt?: string | null;
  jiraUpdatedAt?: string | null;
}): { winner: ConflictWinner; conflict: ConflictRecord } {
  const winner = lastWriter(input.zohoModifiedAt, input.jiraUpdatedAt);
  return {
    winner,
    conflict: {
      field: input.field,
      zohoValue: input.zohoValue,
      jiraValue: input.jiraValue,
      winner,
      zohoModifiedAt: input.zohoModifiedAt ?? null,
      jiraUpdatedAt: input.jiraUpdatedAt ?? null,
    },
  };
}
