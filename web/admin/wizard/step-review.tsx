/** Step 7: what will be saved, plus any server errors with a way back to the step that owns them. */
import Button from '@atlaskit/button/new';
import { Stack } from '@atlaskit/primitives';
import { Fragment } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { MODE_LABELS } from '../../shared/format';
import type { FieldError } from '../../../server/contract/common';
import type { ZohoModuleInfo } from '../api';
import { STEPS, stepOfPath, toInput, type ItemDraft, type StepId } from './draft';
import { ReviewPreview } from './review-preview';
import { OWNER_LABELS } from './step-fields';

const yesNo = (b: boolean) => (b ? 'On' : 'Off');

export function StepReview({
  draft,
  module,
  errors,
  goTo,
  itemId,
}: {
  draft: ItemDraft;
  module: ZohoModuleInfo | undefined;
  errors: FieldError[];
  goTo: (s: StepId) => void;
  /** The saved item being edited, if any. */
  itemId?: string;
}) {
  const input = toInput(draft, module);
  const rows: Array<[string, string]> = [
    ['Name', input.name],
    ['Sync mode', MODE_LABELS[input.mode]],
    [
      'Zoho source',
      `${draft.zohoPortal?.name ?? '—'} / ${draft.zohoProject?.name ?? '—'} / ${module?.name ?? input.zohoModule}`,
    ],
    ['Jira scope', input.jiraProjectKeys.join(', ') || '—'],
    ['Issue type', input.jiraIssueTypeName ?? '—'],
    ['Fields shown', input.displayFields.length ? `${input.displayFields.length} field(s)` : '—'],
    [
      'Mappings',
      input.mappings
        .map(
          (m) =>
            `${m.jiraFieldName ?? m.jiraFieldId} ⇄ ${m.zohoFieldName ?? m.zohoFieldId}${m.owner ? ` (${OWNER_LABELS[m.owner]})` : ''}`,
        )
        .join('; ') || '—',
    ],
    ['Auto-create', yesNo(input.autoCreate)],
    ['Status sync', yesNo(input.syncStatus)],
    ['Comments sync', yesNo(input.syncComments)],
    ['Attachment sync', yesNo(input.syncAttachments)],
    ['Associated records', yesNo(input.showAssociations)],
    [
      'Conditional Sync Rule',
      input.rule
        ? `${input.rule.zohoFieldName ?? input.rule.zohoFieldId} ${input.rule.operator.replace('_', ' ')} ${input.rule.value ?? ''} → ${input.rule.metJiraStatusName ?? ''}`
        : 'None',
    ],
  ];
  return (
    <Stack space="space.200">
      {errors.length > 0 && (
        <div role="alert">
          <SectionMessage appearance="error" title="The Smart Connected Item was not saved">
            <ul>
              {errors.map((e) => (
                <li key={`${e.field}:${e.code}`}>
                  {e.message}{' '}
                  <Button appearance="subtle" spacing="compact" onClick={() => goTo(stepOfPath(e.field))}>
                    Fix in {STEPS.find((s) => s.id === stepOfPath(e.field))?.title}
                  </Button>
                </li>
              ))}
            </ul>
          </SectionMessage>
        </div>
      )}
      <dl className="zjc-summary" data-testid="review-summary">
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
      {input.mode !== 'display_only' && <ReviewPreview input={input} itemId={itemId} />}
    </Stack>
  );
}
