/** Linked Zoho record ⇄ Jira issue pairs for mode tests, and Jira events as the server would signal them. */
import { signalIssueEvent } from '../../../server/temporal/schedules';
import type { JiraIssueEvent } from '../../../workflows/signals';
import { DEMO_ACCOUNTS } from '../../../sim/jira';
import type { Harness } from './harness';
import { linkManually } from './sci';

export async function linkedPair(
  h: Harness,
  input: {
    sciId: string;
    projectId: string;
    name: string;
    zohoFields?: Record<string, unknown>;
    jiraFields?: Record<string, unknown>;
    jiraProjectKey?: string;
  },
) {
  const record = h.zoho.control.createRecord(input.projectId, 'tasks', { name: input.name, ...input.zohoFields }) as {
    id: string;
  };
  const issue = h.jira.control.seedIssue({
    projectKey: input.jiraProjectKey ?? 'OPS',
    issueType: 'Task',
    reporterId: DEMO_ACCOUNTS.alice,
    fields: { summary: input.name, ...input.jiraFields },
  });
  const linkId = await linkManually(h.prisma, {
    installationId: h.installationId,
    sciId: input.sciId,
    jiraIssueId: issue.id,
    jiraIssueKey: issue.key,
    zohoRecordId: record.id,
  });
  return { recordId: record.id, issueId: issue.id, issueKey: issue.key, linkId };
}

export const alice = (h: Harness) => h.jira.control.as(DEMO_ACCOUNTS.alice);

/** What the server does for a Jira event: signalWithStart the issue's entity workflow. */
export async function jiraEvent(
  h: Harness,
  e: Partial<JiraIssueEvent> & Pick<JiraIssueEvent, 'kind' | 'jiraIssueId'>,
): Promise<void> {
  await signalIssueEvent(
    h.client,
    {
      installationId: h.installationId,
      jiraIssueKey: e.jiraIssueKey ?? 'OPS-?',
      changedFieldIds: [],
      occurredAt: new Date().toISOString(),
      actorAccountId: DEMO_ACCOUNTS.alice,
      ...e,
    },
    { taskQueue: h.taskQueue },
  );
}

export function zohoRecord(h: Harness, id: string): Record<string, unknown> {
  return h.zoho.control.getRecord(id) as Record<string, unknown>;
}
