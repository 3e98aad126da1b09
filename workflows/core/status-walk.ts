/**
 * Walking a Jira workflow toward a target status. Jira offers only the transitions available from
 * the current status, so the walk learns the workflow one status at a time: after each step
 * the caller re-reads the offered transitions and asks for the next step. The next step is the first
 * edge of the shortest known path (breadth-first over what was learnt); when no known path reaches
 * the target, the nearest status not yet explored is visited; when nothing is left, the walk is
 * stuck and says why in words. Exact target first (id or name), then its category ("closest safe
 * alternative"). Pure: the caller performs the transitions.
 */
import type { JiraStatus, JiraStatusCategory, JiraTransition } from './model';
import type { JiraStatusTarget } from './status-match';

/** Transitions one walk may perform (a workflow path longer than this is not walked). */
export const MAX_WALK_STEPS = 8;

/** What a walk has learnt so far. */
export interface WorkflowKnowledge {
  /** Transitions Jira offered from each status the walk has stood in, by status id. */
  offered: Record<string, readonly JiraTransition[]>;
  /** Transitions Jira refused when we tried them (transition id → Jira's reason). */
  refused: Record<string, string>;
}

export type WalkStep =
  | { kind: 'arrived'; match: 'exact' | 'category' }
  | { kind: 'step'; transition: JiraTransition; toward: 'exact' | 'category' | 'explore' }
  | { kind: 'stuck'; reason: string };

const CATEGORY_RANK: Record<JiraStatusCategory, number> = { new: 0, indeterminate: 1, done: 2 };

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether an unsettled walk should go on: not when someone moved the issue in Jira since we last
 * left it (`jiraHashWeLeft` is the status hash in the link's baseline): Jira changed last and wins.
 */
export function walkStillWanted(jiraHashWeLeft: string | undefined, jiraHashNow: string): boolean {
  return jiraHashWeLeft === undefined || jiraHashWeLeft === jiraHashNow;
}

export function emptyKnowledge(): WorkflowKnowledge {
  return { offered: {}, refused: {} };
}

function isExact(target: JiraStatusTarget, s: JiraStatus): boolean {
  return target.statusId ? s.id === target.statusId : same(s.name, target.name);
}

/** Usable edges out of a status: available, not refused, not looping; screens without required fields first. */
function edgesFrom(k: WorkflowKnowledge, statusId: string): JiraTransition[] {
  const usable = (k.offered[statusId] ?? []).filter(
    (t) => t.isAvailable !== false && t.to.id !== statusId && !(t.id in k.refused),
  );
  const cost = (t: JiraTransition) => ((t.requiredFields ?? []).length > 0 ? 2 : t.hasScreen ? 1 : 0);
  return [...usable].sort((a, b) => cost(a) - cost(b));
}

interface Reach {
  status: JiraStatus;
  depth: number;
  first?: JiraTransition;
}

/** Breadth-first over known edges from `from`: every reachable status with the first edge toward it. */
function reachable(k: WorkflowKnowledge, from: JiraStatus): Reach[] {
  const seen = new Map<string, Reach>([[from.id, { status: from, depth: 0 }]]);
  const queue: Reach[] = [seen.get(from.id)!];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i];
    for (const t of edgesFrom(k, at.status.id)) {
      if (seen.has(t.to.id)) continue;
      const next: Reach = { status: t.to, depth: at.depth + 1, first: at.first ?? t };
      seen.set(t.to.id, next);
      queue.push(next);
    }
  }
  return queue;
}

/**
 * The next move toward `target` from `current`. `workflowStatuses` are the statuses of the issue's
 * project (GET project statuses): they tell whether the exact target exists at all (when empty, the
 * walk assumes it may). The exact target is sought first, exploring unknown statuses; only when no
 * path to it exists does a status of the target's category do.
 */
export function nextWalkStep(
  target: JiraStatusTarget,
  current: JiraStatus,
  knowledge: WorkflowKnowledge,
  workflowStatuses: readonly JiraStatus[] = [],
): WalkStep {
  if (isExact(target, current)) return { kind: 'arrived', match: 'exact' };
  const reach = reachable(knowledge, current);
  const exactExists = workflowStatuses.length === 0 || workflowStatuses.some((s) => isExact(target, s));
  const inCategory = (s: JiraStatus) => target.category !== undefined && s.category === target.category;
  if (exactExists) {
    const step = toward(reach, knowledge, target, (s) => isExact(target, s), 'exact');
    if (step) return step;
  }
  if (target.category) {
    if (inCategory(current)) return { kind: 'arrived', match: 'category' };
    const step = toward(reach, knowledge, target, inCategory, 'category');
    if (step) return step;
  }
  return { kind: 'stuck', reason: stuckReason(target, current, knowledge, reach) };
}

/** First edge of the shortest known path to a goal status, else toward the nearest unexplored status. */
function toward(
  reach: Reach[],
  knowledge: WorkflowKnowledge,
  target: JiraStatusTarget,
  goal: (s: JiraStatus) => boolean,
  kind: 'exact' | 'category',
): WalkStep | undefined {
  const hit = reach.find((r) => r.first && goal(r.status));
  if (hit) return { kind: 'step', transition: hit.first!, toward: kind };
  const frontier = reach.filter((r) => r.first && !(r.status.id in knowledge.offered));
  if (frontier.length === 0) return undefined;
  const want = target.category ? CATEGORY_RANK[target.category] : undefined;
  const distance = (s: JiraStatus) => (want === undefined ? 0 : Math.abs(CATEGORY_RANK[s.category] - want));
  const best = [...frontier].sort((a, b) => a.depth - b.depth || distance(a.status) - distance(b.status))[0];
  return { kind: 'step', transition: best.first!, toward: 'explore' };
}

function stuckReason(target: JiraStatusTarget, current: JiraStatus, k: WorkflowKnowledge, reach: Reach[]): string {
  const wanted = target.name ? `"${target.name}"` : `status ${target.statusId}`;
  const alt = target.category ? ` (or another ${target.category} status)` : '';
  const leadsThere = (t: JiraTransition) => isExact(target, t.to) || t.to.category === target.category;
  const refused = reach.flatMap((r) =>
    (k.offered[r.status.id] ?? [])
      .filter((t) => t.id in k.refused && leadsThere(t))
      .map((t) => `"${t.name}" (${r.status.name} → ${t.to.name}): ${k.refused[t.id]}`),
  );
  if (refused.length > 0)
    return (
      `Jira refused the transition toward ${wanted}${alt} from "${current.name}": ${refused.join('; ')}. ` +
      `Its screen requires fields the connector does not fill: give them a default value or drop the ` +
      `requirement in Jira's workflow, or move the issue in Jira.`
    );
  const statuses = reach.map((r) => `"${r.status.name}"`).join(', ');
  return (
    `No transition from "${current.name}" leads to ${wanted}${alt}: from here Jira's workflow reaches only ${statuses}. ` +
    `Jira's workflow needs a transition into ${wanted} from one of these statuses, or move the issue in Jira.`
  );
}
