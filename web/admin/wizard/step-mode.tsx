/** Step 1: the sync mode and the item's name. */
import { ErrorMessage, Label } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import Textfield from '@atlaskit/textfield';
import { SYNC_MODES, type SyncMode } from '../../../workflows/core/model';
import { errorFor } from '../../shared/field-errors';
import { MODE_LABELS } from '../../shared/format';
import { FieldBlock } from './field';
import type { StepProps } from './step-props';

const DESCRIPTIONS: Record<SyncMode, string> = {
  display_only: 'Jira users link a Zoho Projects record and see selected fields. Nothing is synchronized.',
  one_way: 'Mapped Zoho Projects fields flow into Jira; optional status, comments, attachments and auto-create.',
  two_way: 'Mapped fields flow in both directions between Zoho Projects and Jira.',
  custom: 'Each mapped field has its own owner: Zoho Projects, Jira, or both.',
};

export function StepMode({ draft, set, errors }: StepProps) {
  const modeError = errorFor(errors, 'mode');
  return (
    <Stack space="space.200">
      <FieldBlock id="sci-name" label="Name" error={errorFor(errors, 'name')}>
        <Textfield
          id="sci-name"
          value={draft.name}
          isInvalid={!!errorFor(errors, 'name')}
          onChange={(e) => set({ name: e.currentTarget.value })}
          placeholder="e.g. Website tasks"
        />
      </FieldBlock>
      <Box>
        <Label id="sci-mode-label" htmlFor="sci-mode">
          Synchronization mode
        </Label>
        <RadioGroup
          id="sci-mode"
          aria-labelledby="sci-mode-label"
          value={draft.mode}
          isInvalid={!!modeError}
          options={SYNC_MODES.map((m) => ({
            name: 'mode',
            value: m,
            testId: `mode-${m}`,
            label: (
              <span>
                <strong>{MODE_LABELS[m]}</strong> — {DESCRIPTIONS[m]}
              </span>
            ),
          }))}
          onChange={(e) => {
            const mode = e.currentTarget.value as SyncMode;
            // A synchronized item targets one Jira project (spec: synchronized item scope).
            set(mode === 'display_only' ? { mode } : { mode, jiraProjects: draft.jiraProjects.slice(0, 1) });
          }}
        />
        {modeError && <ErrorMessage>{modeError}</ErrorMessage>}
      </Box>
    </Stack>
  );
}
