/** Loads a seed through the same write path the REST API uses, then makes it searchable at once. */
import { adfFromText } from './adf';
import { addComment } from './issue-activity';
import { availableTransitions, createIssue, transitionIssue } from './issue-writes';
import { JiraError, type JiraStore } from './store';
import type { JiraSeed, SeedIssue, SimIssue } from './types';

/** Shortest chain of transitions from the issue's status to `target` (workflows are not all-to-all). */
export function transitionPath(store: JiraStore, issue: SimIssue, targetStatusId: string): string[] {
  const project = store.projectOf(issue);
  const queue: Array<{ status: string; path: string[] }> = [{ status: issue.statusId, path: [] }];
  const seen = new Set([issue.statusId]);
  while (queue.length > 0) {
    const { status, path } = queue.shift()!;
    if (status === targetStatusId) return path;
    for (const t of availableTransitions(project, { ...issue, statusId: status })) {
      if (seen.has(t.to)) continue;
      seen.add(t.to);
      queue.push({ status: t.to, path: [...path, t.id] });
    }
  }
  throw new JiraError(400, [`No workflow path from status ${issue.statusId} to ${targetStatusId}`]);
}

export function moveToStatus(store: JiraStore, actorId: string, issue: SimIssue, statusName: string): void {
  const target = store.statusByName(statusName);
  if (!target) throw new JiraError(400, [`Unknown status '${statusName}'`]);
  for (const transitionId of transitionPath(store, issue, target.id))
    transitionIssue(store, actorId, issue.key, transitionId);
}

export function addSeedIssue(store: JiraStore, seed: SeedIssue, defaultActor: string): SimIssue {
  const actor = seed.reporterId ?? defaultActor;
  const issue = createIssue(store, actor, {
    fields: { ...seed.fields, project: { key: seed.projectKey }, issuetype: { name: seed.issueType } },
    properties: Object.entries(seed.properties ?? {}).map(([key, value]) => ({ key, value })),
  });
  if (seed.status) moveToStatus(store, actor, issue, seed.status);
  for (const comment of seed.comments ?? []) addComment(store, comment.authorId, issue.key, adfFromText(comment.text));
  return issue;
}

export function loadSeed(store: JiraStore, seed: JiraSeed): void {
  store.loadMetadata(seed);
  const defaultActor = seed.users.find((u) => u.accountType === 'atlassian')?.accountId ?? seed.users[0].accountId;
  store.silently(() => {
    for (const issue of seed.issues ?? []) addSeedIssue(store, issue, defaultActor);
  });
  store.settleIndex();
}
