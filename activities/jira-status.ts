/** Moving a Jira issue to a status through the transitions Jira offers now (never forced). */
import { chooseJiraTransition, type JiraStatusTarget } from '../workflows/core/status-match';
import type { JiraStatus } from '../workflows/core/model';
import type { JiraApi } from '../integrations/jira/types';

export type StatusOutcome =
  { kind: 'already' } | { kind: 'moved'; to: JiraStatus } | { kind: 'no_safe_transition'; reason: string };

/** Reads transitions only when the issue is not already at the target (saves a Jira call). */
export async function moveJiraIssue(
  jira: JiraApi,
  issueId: string,
  current: JiraStatus,
  target: JiraStatusTarget,
): Promise<StatusOutcome> {
  if (chooseJiraTransition(target, current, []).kind === 'already') return { kind: 'already' };
  const offered = await jira.getTransitions(issueId);
  const choice = chooseJiraTransition(target, current, offered);
  if (choice.kind === 'already') return { kind: 'already' };
  if (choice.kind === 'no_safe_transition') return { kind: 'no_safe_transition', reason: choice.reason };
  await jira.transition(issueId, choice.transitionId);
  return { kind: 'moved', to: choice.to };
}
