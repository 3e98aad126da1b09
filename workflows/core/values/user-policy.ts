/**
 * The per-item policy for a user the directory cannot pair (no mapping row, no shared email):
 * leave the field unassigned, write the item's default user instead, or leave the field as it is
 * and mark the record as needing attention (the stored default). Pure: convert.ts asks it what a
 * failed match becomes.
 */
import type { UnmappedUserPolicyName } from '../model';

export interface UnmappedUserSettings {
  policy: UnmappedUserPolicyName;
  /** Jira accountId written for an unmapped Zoho user. */
  jiraDefault?: string | null;
  /** Zoho zpuid written for an unmapped Jira user. */
  zohoDefault?: string | null;
}

/** What a user without a counterpart becomes on the side being written. */
export type UnmappedUserOutcome =
  { write: 'nobody' } | { write: 'default'; id: string } | { write: 'attention'; reason: string };

const SIDE_NAME = { jira: 'Jira', zoho: 'Zoho' } as const;

/**
 * `side` is the side being written ('jira': a Zoho user found no Jira account). Without settings
 * (an item saved before the policy existed) the record needs attention, as it did before.
 */
export function unmappedUserOutcome(
  settings: UnmappedUserSettings | undefined,
  side: 'jira' | 'zoho',
  reason: string,
): UnmappedUserOutcome {
  const policy = settings?.policy ?? 'attention';
  if (policy === 'unassigned') return { write: 'nobody' };
  if (policy === 'default_user') {
    const id = side === 'jira' ? settings?.jiraDefault : settings?.zohoDefault;
    if (id) return { write: 'default', id };
    return { write: 'attention', reason: `${reason}; the item has no default ${SIDE_NAME[side]} user to use instead` };
  }
  return { write: 'attention', reason };
}

/** The item's settings as the planner's value context carries them. */
export function unmappedUserSettingsOf(sci: {
  unmappedUserPolicy?: UnmappedUserPolicyName;
  unmappedUserJiraDefault?: string | null;
  unmappedUserZohoDefault?: string | null;
}): UnmappedUserSettings {
  return {
    policy: sci.unmappedUserPolicy ?? 'attention',
    jiraDefault: sci.unmappedUserJiraDefault ?? null,
    zohoDefault: sci.unmappedUserZohoDefault ?? null,
  };
}
