/** Step 6: the Conditional Sync Rule (synchronized modes only). The value picker follows the field type. */
import { Checkbox } from '@atlaskit/checkbox';
import { Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { RULE_OPERATORS, type RuleOperator } from '../../../workflows/core/model';
import { errorFor } from '../../shared/field-errors';
import { cached, useLoad } from '../../shared/use-load';
import type { ZohoFieldInfo } from '../api';
import { adminApi } from '../api';
import { valueNeeded, type RuleDraft } from './draft';
import { FieldBlock, Pick } from './field';
import { useZohoFields } from './step-fields';
import type { StepProps } from './step-props';

const OPERATOR_LABELS: Record<RuleOperator, string> = {
  equals: 'Equals',
  not_equals: 'Does not equal',
  is_empty: 'Is empty',
  is_not_empty: 'Is not empty',
};

function ValuePicker({
  field,
  rule,
  onChange,
  error,
}: {
  field: ZohoFieldInfo | undefined;
  rule: RuleDraft;
  onChange: (v: string) => void;
  error?: string;
}) {
  if (field?.options?.length) {
    return (
      <Pick
        id="rule-value"
        label="Value"
        value={rule.value || null}
        error={error}
        choices={field.options.map((o) => ({ value: o.value, label: o.value }))}
        onChange={(v) => onChange(v ?? '')}
      />
    );
  }
  if (field?.type === 'boolean') {
    return (
      <Pick
        id="rule-value"
        label="Value"
        value={rule.value || null}
        error={error}
        choices={[
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]}
        onChange={(v) => onChange(v ?? '')}
      />
    );
  }
  const type =
    field?.type === 'date' ? 'date' : ['number', 'decimal', 'percent'].includes(field?.type ?? '') ? 'number' : 'text';
  return (
    <FieldBlock id="rule-value" label="Value" error={error}>
      <Textfield
        id="rule-value"
        type={type}
        value={rule.value}
        isInvalid={!!error}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </FieldBlock>
  );
}

export function StepRule({ draft, set, errors }: StepProps) {
  const rule = draft.rule;
  const setRule = (patch: Partial<RuleDraft>) => set({ rule: { ...rule, ...patch } });
  const zohoFields = useZohoFields(draft);
  const projectId = draft.jiraProjects[0]?.id;
  const statuses = useLoad(
    rule.enabled && projectId ? () => cached(`statuses:${projectId}`, () => adminApi.jiraStatuses(projectId)) : null,
    [rule.enabled, projectId],
  );
  const statusChoices = statuses.data?.map((s) => ({ value: s.id, label: s.name }));
  const field = zohoFields.data?.find((f) => f.id === rule.zohoFieldId);

  return (
    <Stack space="space.100">
      <Checkbox
        name="rule-enabled"
        label="Use a Conditional Sync Rule"
        isChecked={rule.enabled}
        testId="rule-enabled"
        onChange={(e) => setRule({ enabled: e.currentTarget.checked })}
      />
      <p className="zjc-muted">
        The rule sets the Jira status from one Zoho Projects field and takes precedence over generic status sync.
      </p>
      {rule.enabled && (
        <>
          <Pick
            id="rule-field"
            label="Zoho Projects field"
            loading={zohoFields.loading}
            loadError={zohoFields.error}
            choices={zohoFields.data?.map((f) => ({ value: f.id, label: f.name }))}
            value={rule.zohoFieldId}
            error={errorFor(errors, 'rule.zohoFieldId')}
            onChange={(id, name) => setRule({ zohoFieldId: id, zohoFieldName: name, value: '' })}
          />
          <Pick
            id="rule-operator"
            label="Operator"
            value={rule.operator}
            error={errorFor(errors, 'rule.operator')}
            choices={RULE_OPERATORS.map((o) => ({ value: o, label: OPERATOR_LABELS[o] }))}
            onChange={(o) =>
              setRule({
                operator: (o ?? 'equals') as RuleOperator,
                value: valueNeeded((o ?? 'equals') as RuleOperator) ? rule.value : '',
              })
            }
          />
          {valueNeeded(rule.operator) && (
            <ValuePicker
              field={field}
              rule={rule}
              error={errorFor(errors, 'rule.value')}
              onChange={(value) => setRule({ value })}
            />
          )}
          <Pick
            id="rule-met-status"
            label="Jira status when condition is met"
            choices={statusChoices}
            loading={statuses.loading}
            loadError={statuses.error}
            value={rule.metJiraStatusId}
            error={errorFor(errors, 'rule.metJiraStatusId')}
            onChange={(id, name) => setRule({ metJiraStatusId: id, metJiraStatusName: name })}
          />
          <Pick
            id="rule-not-met-status"
            label="Jira status when condition is not met"
            choices={statusChoices}
            loading={statuses.loading}
            loadError={statuses.error}
            value={rule.notMetJiraStatusId}
            error={errorFor(errors, 'rule.notMetJiraStatusId')}
            onChange={(id, name) => setRule({ notMetJiraStatusId: id, notMetJiraStatusName: name })}
          />
          <Checkbox
            name="rule-create-not-met"
            label="Create Jira issue when rule is not met"
            testId="rule-create-not-met"
            isChecked={rule.createIssueWhenNotMet}
            isDisabled={!draft.autoCreate}
            onChange={(e) => setRule({ createIssueWhenNotMet: e.currentTarget.checked })}
          />
          {!draft.autoCreate && (
            <p className="zjc-muted">
              Turn on automatic issue creation (Options) to create issues for records that fail the rule.
            </p>
          )}
          {errorFor(errors, 'rule.createIssueWhenNotMet') && (
            <p role="alert" className="zjc-error">
              {errorFor(errors, 'rule.createIssueWhenNotMet')}
            </p>
          )}
        </>
      )}
    </Stack>
  );
}
