/** Step 3: Jira project(s) and, for synchronized items, the issue type. */
import { Stack } from '@atlaskit/primitives';
import { errorFor } from '../../shared/field-errors';
import { cached, useLoad } from '../../shared/use-load';
import { adminApi } from '../api';
import { isSynchronized } from './draft';
import { Pick, PickMany } from './field';
import type { StepProps } from './step-props';

export function StepJira({ draft, set, errors }: StepProps) {
  const sync = isSynchronized(draft.mode);
  const projects = useLoad(() => cached('jira-projects', adminApi.jiraProjects), []);
  const projectId = sync ? (draft.jiraProjects[0]?.id ?? null) : null;
  const issueTypes = useLoad(
    projectId ? () => cached(`issue-types:${projectId}`, () => adminApi.jiraIssueTypes(projectId)) : null,
    [projectId],
  );
  const choices = projects.data?.map((p) => ({ value: p.id, label: `${p.name} (${p.key})` }));
  const byId = (id: string) => projects.data?.find((p) => p.id === id);

  if (!sync) {
    return (
      <PickMany
        id="jira-projects"
        label="Jira projects"
        choices={choices}
        loading={projects.loading}
        loadError={projects.error}
        values={draft.jiraProjects.map((p) => p.id)}
        error={errorFor(errors, 'jiraProjectIds')}
        helper="Display-only items appear in the issue panel of every issue in these projects."
        onChange={(cs) =>
          set({ jiraProjects: cs.map((c) => byId(c.value)).filter((p): p is NonNullable<typeof p> => !!p) })
        }
      />
    );
  }
  return (
    <Stack space="space.100">
      <Pick
        id="jira-project"
        label="Jira project"
        choices={choices}
        loading={projects.loading}
        loadError={projects.error}
        value={projectId}
        error={errorFor(errors, 'jiraProjectIds')}
        onChange={(id) => {
          const p = id ? byId(id) : undefined;
          set({
            jiraProjects: p ? [p] : [],
            jiraIssueType: null,
            mappings: draft.mappings.map((m) => ({ ...m, jiraFieldId: null })),
          });
        }}
      />
      <Pick
        id="jira-issue-type"
        label="Issue type"
        loading={issueTypes.loading}
        loadError={issueTypes.error}
        disabled={!projectId}
        placeholder={projectId ? 'Select an issue type' : 'Select a Jira project first'}
        choices={issueTypes.data?.map((t) => ({ value: t.id, label: t.name }))}
        value={draft.jiraIssueType?.id ?? null}
        error={errorFor(errors, 'jiraIssueTypeId')}
        helper="Synchronized items apply to one issue type."
        onChange={(id, name) => set({ jiraIssueType: id ? { id, name: name ?? id } : null })}
      />
    </Stack>
  );
}
