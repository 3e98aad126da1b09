/**
 * "Create Smart Connected Item": a guided flow, mode → Zoho source → Jira scope → fields → options →
 * Conditional Sync Rule → review → save. Server field errors (422) land next to their fields.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useRef, useState } from 'react';
import type { Item } from '../../../server/contract/admin';
import type { FieldError } from '../../../server/contract/common';

import { ApiError } from '../../shared/transport';
import { adminApi } from '../api';
import {
  draftFromItem,
  emptyDraft,
  localErrors,
  STEPS,
  stepOfPath,
  stepsFor,
  toInput,
  type ItemDraft,
  type StepId,
} from './draft';
import { StepFields } from './step-fields';
import { StepJira } from './step-jira';
import { StepMode } from './step-mode';
import { StepOptions, useModuleInfo } from './step-options';
import { StepReview } from './step-review';
import { StepRule } from './step-rule';
import { StepSource } from './step-source';

interface Props {
  initial?: Item;
  onSaved: (item: Item) => void;
  onCancel: () => void;
}

export function ItemWizard({ initial, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<ItemDraft>(() => (initial ? draftFromItem(initial) : emptyDraft()));
  const [step, setStep] = useState<StepId>('mode');
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [stepErrors, setStepErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [furthest, setFurthest] = useState(initial ? STEPS.length : 0);
  const headingRef = useRef<HTMLDivElement>(null);
  const module = useModuleInfo(draft);
  const steps = stepsFor(draft.mode);
  const index = Math.max(0, steps.indexOf(step));
  const title = STEPS.find((s) => s.id === step)?.title ?? '';

  useEffect(() => {
    headingRef.current?.focus();
    setFurthest((f) => Math.max(f, index));
  }, [step, index]);

  const set = (patch: Partial<ItemDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStepErrors([]);
  };
  const go = (to: StepId) => {
    setStepErrors([]);
    setStep(to);
  };
  const next = () => {
    const errs = localErrors(step, draft);
    if (errs.length) {
      setStepErrors(errs);
      return;
    }
    go(steps[index + 1] ?? 'review');
  };

  async function save() {
    setSaving(true);
    setFailure(null);
    try {
      const input = toInput(draft, module);
      const saved = draft.id ? await adminApi.updateItem(draft.id, input) : await adminApi.createItem(input);
      onSaved(saved);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      setServerErrors(err.fields);
      setFailure(err.fields.length ? null : err.message);
      if (err.fields.length) go(stepOfPath(err.fields[0].field));
    } finally {
      setSaving(false);
    }
  }

  // Server errors stay visible on their step until the admin saves again.
  const shown = [...stepErrors, ...serverErrors.filter((e) => stepOfPath(e.field) === step || step === 'review')];
  const props = { draft, set, errors: shown };

  return (
    <Box as="section" aria-labelledby="wizard-heading" padding="space.200" testId="sci-wizard">
      <Stack space="space.200">
        <div tabIndex={-1} ref={headingRef} className="zjc-focus-target">
          <Heading size="medium" id="wizard-heading">
            {draft.id ? 'Edit Smart Connected Item' : 'Create Smart Connected Item'}
          </Heading>
          <p aria-live="polite">
            Step {index + 1} of {steps.length}: {title}
          </p>
        </div>
        <nav aria-label="Steps">
          <ol className="zjc-steps">
            {steps.map((s, i) => {
              const label = STEPS.find((x) => x.id === s)?.title;
              const hasErr = serverErrors.some((e) => stepOfPath(e.field) === s);
              return (
                <li
                  key={s}
                  aria-current={s === step ? 'step' : undefined}
                  className={s === step ? 'current' : i < index ? 'done' : ''}
                >
                  {i <= furthest ? (
                    <button type="button" className="zjc-step-link" onClick={() => go(s)}>
                      {i + 1}. {label}
                      {hasErr ? ' (needs attention)' : ''}
                    </button>
                  ) : (
                    <span>
                      {i + 1}. {label}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
        {failure && (
          <div role="alert">
            <SectionMessage appearance="error" title="Saving failed">
              <p>{failure}</p>
            </SectionMessage>
          </div>
        )}
        {stepErrors.length > 0 && (
          <p role="alert" className="zjc-sr-only">
            {stepErrors.map((e) => e.message).join(' ')}
          </p>
        )}
        <Box>
          {step === 'mode' && <StepMode {...props} />}
          {step === 'source' && <StepSource {...props} />}
          {step === 'jira' && <StepJira {...props} />}
          {step === 'fields' && <StepFields {...props} />}
          {step === 'options' && <StepOptions {...props} />}
          {step === 'rule' && <StepRule {...props} />}
          {step === 'review' && (
            <StepReview draft={draft} module={module} errors={serverErrors} goTo={go} itemId={initial?.id} />
          )}
        </Box>
        <Inline space="space.100">
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
          {index > 0 && <Button onClick={() => go(steps[index - 1])}>Back</Button>}
          {step !== 'review' ? (
            <Button appearance="primary" onClick={next}>
              Next
            </Button>
          ) : (
            <Button appearance="primary" isLoading={saving} onClick={save}>
              {draft.id ? 'Save changes' : 'Save Smart Connected Item'}
            </Button>
          )}
        </Inline>
      </Stack>
    </Box>
  );
}
