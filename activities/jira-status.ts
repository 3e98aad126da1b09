/**
 * Moving a Jira issue to a status by walking its workflow through the transitions Jira offers now
 * (never forced): the next step comes from the pure walk, transitions are re-read after each step,
 * a transition Jira refuses (a screen that requires fields) is planned around. What the walk learnt
 * is kept on an unsettled link so the next cycle goes on from there instead of exploring again.
 */
import {
  MAX_WALK_STEPS,
  emptyKnowledge,
  nextWalkStep,
  type JiraStatusTarget,
  type WorkflowKnowledge,
} from '../workflows/core';
import type { JiraStatus, JiraTransition } from '../workflows/core/model';
import type { JiraApi } from '../integrations/jira/types';
import { apiErrorText } from '../integrations/http/error-text';
import { isHttpFailure } from '../integrations/http/failures';

/** Stored on a link while Jira has not reached the target (Link.statusTarget). */
export interface StatusWalkState {
  target: JiraStatusTarget;
  /** Transitions Jira offered from each status seen, by status id (what the walk learnt). */
  offered?: Record<string, JiraTransition[]>;
}

export type StatusOutcome =
  | { kind: 'already' }
  | { kind: 'moved'; to: JiraStatus }
  /** Not at the target: stuck (needs attention, with the reason) or out of steps for this attempt. */
  | { kind: 'no_safe_transition' | 'unsettled'; reason: string; at: JiraStatus };

export interface WalkResult {
  outcome: StatusOutcome;
  /** Set while the link stays unsettled; null once Jira's status matches the target. */
  state: StatusWalkState | null;
  /** Where the issue ended, when the walk moved it (baseline and echo receipt to record). */
  reached?: JiraStatus;
}

/** Reads project statuses and transitions only when the issue is not already at the exact target. */
export async function walkJiraIssue(
  jira: JiraApi,
  issue: { id: string; projectId: string; status: JiraStatus },
  target: JiraStatusTarget,
  learnt?: StatusWalkState['offered'],
  statusesOf: (projectId: string) => Promise<JiraStatus[]> = (p) => jira.listStatuses(p),
): Promise<WalkResult> {
  if (nextWalkStep(target, issue.status, emptyKnowledge()).kind === 'arrived')
    return { outcome: { kind: 'already' }, state: null };
  const statuses = await statusesOf(issue.projectId);
  const k: WorkflowKnowledge = { offered: { ...learnt }, refused: {} };
  let at = issue.status;
  let steps = 0;
  const result = (outcome: StatusOutcome, settled: boolean): WalkResult => ({
    outcome,
    state: settled ? null : { target, offered: k.offered as Record<string, JiraTransition[]> },
    ...(steps > 0 ? { reached: at } : {}),
  });
  for (let attempts = 0; attempts < MAX_WALK_STEPS * 2 && steps < MAX_WALK_STEPS; attempts++) {
    k.offered[at.id] = await jira.getTransitions(issue.id);
    const step = nextWalkStep(target, at, k, statuses);
    if (step.kind === 'arrived') return result(steps > 0 ? { kind: 'moved', to: at } : { kind: 'already' }, true);
    if (step.kind === 'stuck') return result({ kind: 'no_safe_transition', reason: step.reason, at }, false);
    try {
      await jira.transition(issue.id, step.transition.id);
    } catch (err) {
      if (!isHttpFailure(err) || err.status !== 400) throw err;
      k.refused[step.transition.id] = apiErrorText(err.apiBody) || err.message;
      continue;
    }
    at = step.transition.to;
    steps += 1;
  }
  return result(
    {
      kind: 'unsettled',
      reason: `Stopped after ${steps} transitions at "${at.name}"; the next cycle goes on toward the target.`,
      at,
    },
    false,
  );
}
