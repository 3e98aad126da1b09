/** Step 4: Zoho fields shown in the panel, and (synchronized modes) Jira ⇄ Zoho field mappings. */
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import Heading from '@atlaskit/heading';
import { FIELD_OWNERS, type FieldOwner } from '../../../workflows/core/model';
import { errorFor } from '../../shared/field-errors';
import { cached, useLoad } from '../../shared/use-load';
import { adminApi } from '../api';
import { isSynchronized, newMapping, type MappingDraft } from './draft';
import { Pick, PickMany } from './field';
import type { StepProps } from './step-props';

export const OWNER_LABELS: Record<FieldOwner, string> = {
  zoho: 'Zoho Projects owns (Zoho → Jira)',
  jira: 'Jira owns (Jira → Zoho)',
  both: 'Both own (two-way)',
};

export function useZohoFields(d: StepProps['draft']) {
  const [portal, project, module] = [d.zohoPortal?.id, d.zohoProject?.id, d.zohoModule];
  return useLoad(
    portal && project && module
      ? () => cached(`zoho-fields:${portal}:${project}:${module}`, () => adminApi.zohoFields(portal, project, module))
      : null,
    [portal, project, module],
  );
}

export function StepFields({ draft, set, errors }: StepProps) {
  const sync = isSynchronized(draft.mode);
  const zohoFields = useZohoFields(draft);
  const projectId = draft.jiraProjects[0]?.id;
  const issueTypeId = draft.jiraIssueType?.id;
  const jiraFields = useLoad(
    sync && projectId && issueTypeId
      ? () => cached(`jira-fields:${projectId}:${issueTypeId}`, () => adminApi.jiraFields(projectId, issueTypeId))
      : null,
    [sync, projectId, issueTypeId],
  );
  const zohoChoices = zohoFields.data?.map((f) => ({ value: f.id, label: f.name }));
  const jiraChoices = jiraFields.data?.map((f) => ({ value: f.id, label: f.name }));

  const update = (key: number, patch: Partial<MappingDraft>) =>
    set({ mappings: draft.mappings.map((m) => (m.key === key ? { ...m, ...patch } : m)) });

  return (
    <Stack space="space.200">
      <PickMany
        id="display-fields"
        label="Zoho fields shown in the issue panel"
        choices={zohoChoices}
        loading={zohoFields.loading}
        loadError={zohoFields.error}
        values={draft.displayFields}
        error={errorFor(errors, 'displayFields')}
        helper={
          sync
            ? 'Optional: extra fields for the linked record preview.'
            : 'Jira users see these fields after linking a record.'
        }
        onChange={(cs) => set({ displayFields: cs.map((c) => c.value) })}
      />
      {sync && (
        <Box as="section" aria-labelledby="mappings-heading">
          <Heading size="small" id="mappings-heading">
            Field mappings
          </Heading>
          <p>Mappings are optional when you only want status, comments, attachments or associated records.</p>
          {errorFor(errors, 'mappings') && (
            <p role="alert" className="zjc-error">
              {errorFor(errors, 'mappings')}
            </p>
          )}
          <Stack space="space.100">
            {draft.mappings.map((m, i) => (
              <div
                key={m.key}
                role="group"
                aria-label={`Mapping ${i + 1}`}
                className="zjc-mapping-row"
                data-testid={`mapping-${i}`}
              >
                <Pick
                  id={`mapping-${i}-jira`}
                  label={`Jira field (mapping ${i + 1})`}
                  choices={jiraChoices}
                  loading={jiraFields.loading}
                  loadError={jiraFields.error}
                  value={m.jiraFieldId}
                  error={errorFor(errors, `mappings.${i}.jiraFieldId`)}
                  onChange={(id, name) => update(m.key, { jiraFieldId: id, jiraFieldName: name })}
                />
                <Pick
                  id={`mapping-${i}-zoho`}
                  label={`Zoho field (mapping ${i + 1})`}
                  choices={zohoChoices}
                  loading={zohoFields.loading}
                  loadError={zohoFields.error}
                  value={m.zohoFieldId}
                  error={errorFor(errors, `mappings.${i}.zohoFieldId`)}
                  onChange={(id, name) => update(m.key, { zohoFieldId: id, zohoFieldName: name })}
                />
                {draft.mode === 'custom' && (
                  <Pick
                    id={`mapping-${i}-owner`}
                    label={`Owner (mapping ${i + 1})`}
                    value={m.owner}
                    choices={FIELD_OWNERS.map((o) => ({ value: o, label: OWNER_LABELS[o] }))}
                    error={errorFor(errors, `mappings.${i}.owner`)}
                    onChange={(o) => update(m.key, { owner: (o ?? 'zoho') as FieldOwner })}
                  />
                )}
                <Box paddingBlockStart="space.300">
                  <Button
                    appearance="subtle"
                    onClick={() => set({ mappings: draft.mappings.filter((x) => x.key !== m.key) })}
                  >
                    Remove mapping {i + 1}
                  </Button>
                </Box>
              </div>
            ))}
          </Stack>
          <Inline>
            <Button onClick={() => set({ mappings: [...draft.mappings, newMapping()] })}>Add mapping</Button>
          </Inline>
        </Box>
      )}
    </Stack>
  );
}
