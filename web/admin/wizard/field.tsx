/** Labelled form controls for the guided flow: errors sit next to the field and are announced. */
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import type { ReactNode } from 'react';

export interface Choice {
  value: string;
  label: string;
}

export function FieldBlock({
  id,
  label,
  error,
  helper,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  helper?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box paddingBlockEnd="space.150">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <ErrorMessage testId={`error-${id}`}>{error}</ErrorMessage>
      ) : helper ? (
        <HelperMessage>{helper}</HelperMessage>
      ) : null}
    </Box>
  );
}

interface PickProps {
  id: string;
  label: string;
  choices: Choice[] | undefined;
  value: string | null;
  onChange: (value: string | null, label: string | undefined) => void;
  loading?: boolean;
  loadError?: string | null;
  disabled?: boolean;
  placeholder?: string;
  error?: string;
  helper?: ReactNode;
}

/** A single-choice Select whose options load from the server (spinner while loading, error when not). */
export function Pick({
  id,
  label,
  choices,
  value,
  onChange,
  loading,
  loadError,
  disabled,
  placeholder,
  error,
  helper,
}: PickProps) {
  const selected = choices?.find((c) => c.value === value) ?? null;
  return (
    <FieldBlock
      id={id}
      label={label}
      error={error ?? (loadError ? `Could not load: ${loadError}` : undefined)}
      helper={helper}
    >
      <Select<Choice>
        inputId={id}
        options={choices ?? []}
        value={selected}
        isLoading={loading}
        isDisabled={disabled || loading}
        isInvalid={!!error}
        placeholder={loading ? 'Loading…' : (placeholder ?? 'Select…')}
        loadingMessage={() => 'Loading…'}
        noOptionsMessage={() => (loadError ? 'Could not load the choices' : 'Nothing to choose')}
        onChange={(c) => onChange(c?.value ?? null, c?.label)}
      />
    </FieldBlock>
  );
}

/** A multi-choice Select (display fields, Jira projects of a display-only item). */
export function PickMany({
  id,
  label,
  choices,
  values,
  onChange,
  loading,
  loadError,
  error,
  helper,
}: {
  id: string;
  label: string;
  choices: Choice[] | undefined;
  values: string[];
  onChange: (values: Choice[]) => void;
  loading?: boolean;
  loadError?: string | null;
  error?: string;
  helper?: ReactNode;
}) {
  const selected = (choices ?? []).filter((c) => values.includes(c.value));
  return (
    <FieldBlock
      id={id}
      label={label}
      error={error ?? (loadError ? `Could not load: ${loadError}` : undefined)}
      helper={helper}
    >
      <Select<Choice, true>
        inputId={id}
        isMulti
        options={choices ?? []}
        value={selected}
        isLoading={loading}
        isDisabled={loading}
        isInvalid={!!error}
        placeholder={loading ? 'Loading…' : 'Select…'}
        onChange={(cs) => onChange([...(cs ?? [])])}
      />
    </FieldBlock>
  );
}
