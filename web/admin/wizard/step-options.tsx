/** Step 5: the switches the chosen mode and module allow; the others say why they are missing. */
import { Checkbox } from '@atlaskit/checkbox';
import { Stack } from '@atlaskit/primitives';
import { errorFor } from '../../shared/field-errors';
import { cached, useLoad } from '../../shared/use-load';
import { adminApi } from '../api';
import { allowedOptions, type ItemDraft } from './draft';
import type { StepProps } from './step-props';
import { CadenceField } from '../health-cadence';
import { UnmappedUsers } from './unmapped-users';

type OptionKey = 'autoCreate' | 'syncStatus' | 'syncComments' | 'syncAttachments' | 'showAssociations';
const OPTIONS: Array<{ key: OptionKey; label: string }> = [
  { key: 'autoCreate', label: 'Automatically create Jira issues for new Zoho Projects records' },
  { key: 'syncStatus', label: 'Status sync' },
  { key: 'syncComments', label: 'Comments sync' },
  { key: 'syncAttachments', label: 'Attachment sync' },
  { key: 'showAssociations', label: 'Display associated Zoho Projects records in the issue panel' },
];

export function useModuleInfo(d: ItemDraft) {
  const [portal, project] = [d.zohoPortal?.id, d.zohoProject?.id];
  const modules = useLoad(
    portal && project
      ? () => cached(`modules:${portal}:${project}`, () => adminApi.zohoModules(portal, project))
      : null,
    [portal, project],
  );
  return modules.data?.find((m) => m.id === d.zohoModule);
}

export function StepOptions({ draft, set, errors }: StepProps) {
  const module = useModuleInfo(draft);
  const allowed = allowedOptions(draft.mode, module);
  const unavailable = OPTIONS.filter((o) => !allowed[o.key]);
  return (
    <Stack space="space.100">
      <fieldset className="zjc-fieldset">
        <legend>Sync options</legend>
        {OPTIONS.filter((o) => allowed[o.key]).map((o) => (
          <div key={o.key}>
            <Checkbox
              name={o.key}
              label={o.label}
              isChecked={draft[o.key]}
              testId={`option-${o.key}`}
              onChange={(e) => set({ [o.key]: e.currentTarget.checked } as Partial<ItemDraft>)}
            />
            {errorFor(errors, o.key) && (
              <p role="alert" className="zjc-error">
                {errorFor(errors, o.key)}
              </p>
            )}
          </div>
        ))}
      </fieldset>
      {draft.mode && draft.mode !== 'display_only' && <UnmappedUsers draft={draft} set={set} errors={errors} />}
      {unavailable.length > 0 && (
        <p className="zjc-muted">
          Not available here: {unavailable.map((o) => o.label.toLowerCase()).join(', ')}.{' '}
          {draft.mode === 'display_only'
            ? 'Display-only items never synchronize.'
            : `${module?.name ?? 'This module'} supports fewer synchronized features in this build (Tasks and Issues support all).`}
        </p>
      )}
      {draft.mode !== 'display_only' && <CadenceField draft={draft} set={set} errors={errors} />}
    </Stack>
  );
}
