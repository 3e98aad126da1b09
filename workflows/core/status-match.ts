/**
 * "Closest safe alternative" status matching. Jira side: only through transitions Jira offers
 * now, never forced. Zoho side: among the statuses of the module. Order: exact name
 * (case-insensitive), then same category/type, then nothing (reported, not guessed).
 */
import { JIRA_CATEGORY_TO_ZOHO_STATUS_TYPE, ZOHO_STATUS_TYPE_TO_JIRA_CATEGORY } from './capabilities';
import type { JiraStatus, JiraStatusCategory, JiraTransition, ZohoStatus } from './model';

/** Where we want the Jira issue to be. A configured status id (rules) is matched exactly. */
export interface JiraStatusTarget {
  statusId?: string;
  name?: string;
  /** When set, a status of the same category is an acceptable alternative. */
  category?: JiraStatusCategory;
}

export type JiraTransitionChoice =
  | { kind: 'transition'; transitionId: string; to: JiraStatus; match: 'id' | 'name' | 'category' }
  | { kind: 'already' }
  | { kind: 'no_safe_transition'; reason: string };

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The Jira target for a Zoho status: its name, and its type's category as fallback. */
export function jiraTargetForZohoStatus(status: ZohoStatus): JiraStatusTarget {
  return { name: status.name, category: ZOHO_STATUS_TYPE_TO_JIRA_CATEGORY[status.type] };
}

export function chooseJiraTransition(
  target: JiraStatusTarget,
  current: JiraStatus,
  offered: readonly JiraTransition[],
): JiraTransitionChoice {
  if (target.statusId ? current.id === target.statusId : same(current.name, target.name)) return { kind: 'already' };
  const usable = offered.filter((t) => t.isAvailable !== false && t.to.id !== current.id);
  // Prefer transitions without a screen: a screen may demand fields we cannot fill.
  const pick = (candidates: JiraTransition[]) => candidates.find((t) => !t.hasScreen) ?? candidates[0];

  const byId = target.statusId ? pick(usable.filter((t) => t.to.id === target.statusId)) : undefined;
  if (byId) return { kind: 'transition', transitionId: byId.id, to: byId.to, match: 'id' };
  const byName = target.name ? pick(usable.filter((t) => same(t.to.name, target.name))) : undefined;
  if (byName) return { kind: 'transition', transitionId: byName.id, to: byName.to, match: 'name' };
  if (target.category) {
    if (current.category === target.category) return { kind: 'already' };
    const byCategory = pick(usable.filter((t) => t.to.category === target.category));
    if (byCategory) return { kind: 'transition', transitionId: byCategory.id, to: byCategory.to, match: 'category' };
  }
  const wanted = target.name ? `"${target.name}"` : `status ${target.statusId}`;
  const offeredNames = usable.map((t) => t.to.name).join(', ') || 'none';
  return {
    kind: 'no_safe_transition',
    reason: `Jira offers no transition from "${current.name}" to ${wanted}${
      target.category ? ` or another ${target.category} status` : ''
    }; transitions offered now: ${offeredNames}.`,
  };
}

export type ZohoStatusChoice =
  | { kind: 'set'; status: ZohoStatus; match: 'name' | 'type' }
  | { kind: 'already' }
  | { kind: 'no_safe_status'; reason: string };

/** Jira status → a Zoho status of the module: exact name, then same type, else none. */
export function chooseZohoStatus(
  jiraStatus: Pick<JiraStatus, 'name' | 'category'>,
  zohoStatuses: readonly ZohoStatus[],
  current?: ZohoStatus,
): ZohoStatusChoice {
  if (current && same(current.name, jiraStatus.name)) return { kind: 'already' };
  const byName = zohoStatuses.find((s) => same(s.name, jiraStatus.name));
  if (byName) return byName.id === current?.id ? { kind: 'already' } : { kind: 'set', status: byName, match: 'name' };
  const type = JIRA_CATEGORY_TO_ZOHO_STATUS_TYPE[jiraStatus.category];
  if (current?.type === type) return { kind: 'already' };
  const byType = zohoStatuses.find((s) => s.type === type);
  if (byType) return { kind: 'set', status: byType, match: 'type' };
  return {
    kind: 'no_safe_status',
    reason: `No Zoho status named "${jiraStatus.name}" or of type ${type.replace('_', ' ')} exists for this module.`,
  };
}
