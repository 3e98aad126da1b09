/** Options step: what a sync does with a user who has no counterpart (README "User mapping"). */
import type { UnmappedUserPolicyName } from '../../../workflows/core/model';
import { errorFor } from '../../shared/field-errors';
import type { StepProps } from './step-props';

const POLICIES: Array<{ value: UnmappedUserPolicyName; label: string }> = [
  { value: 'attention', label: 'Mark the record as needing attention and leave the field as it is' },
  { value: 'unassigned', label: 'Leave the field unassigned' },
  { value: 'default_user', label: 'Use a default user' },
];

export function UnmappedUsers({ draft, set, errors }: StepProps) {
  const error = errorFor(errors, 'unmappedUserJiraDefault') ?? errorFor(errors, 'unmappedUserZohoDefault');
  return (
    <fieldset className="zjc-fieldset" data-testid="unmapped-user-policy">
      <legend>Users without a counterpart</legend>
      <p className="zjc-muted">
        When a user field names someone the user mapping and email cannot pair (Jira Cloud hides most emails):
      </p>
      {POLICIES.map((p) => (
        <div key={p.value}>
          <label>
            <input
              type="radio"
              name="unmappedUserPolicy"
              value={p.value}
              checked={draft.unmappedUserPolicy === p.value}
              onChange={() => set({ unmappedUserPolicy: p.value })}
            />{' '}
            {p.label}
          </label>
        </div>
      ))}
      {draft.unmappedUserPolicy === 'default_user' && (
        <div>
          <label htmlFor="unmapped-jira-default">Default Jira user (accountId) </label>
          <input
            id="unmapped-jira-default"
            value={draft.unmappedUserJiraDefault}
            onChange={(e) => set({ unmappedUserJiraDefault: e.target.value })}
          />{' '}
          <label htmlFor="unmapped-zoho-default">Default Zoho user (zpuid) </label>
          <input
            id="unmapped-zoho-default"
            value={draft.unmappedUserZohoDefault}
            onChange={(e) => set({ unmappedUserZohoDefault: e.target.value })}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="zjc-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
