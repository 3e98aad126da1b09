/**
 * Fingerprint of everything in an SCI that affects what is pulled or written. The sync cursor is
 * tied to it: when the fingerprint changes, the cursor resets and records are re-examined.
 * Names, labels, enablement and display-only presentation do not count.
 */
import { ownerFor } from './mapping';
import type { FieldMappingInput, FieldOwner, SmartConnectedItemInput } from './model';
import { valueHash } from './values/hash';

export type FingerprintableSci = Pick<
  SmartConnectedItemInput,
  | 'mode'
  | 'zohoPortalId'
  | 'zohoProjectId'
  | 'zohoModule'
  | 'jiraProjectIds'
  | 'jiraIssueTypeId'
  | 'autoCreate'
  | 'syncStatus'
  | 'syncComments'
  | 'syncAttachments'
> & {
  mappings: ReadonlyArray<Omit<FieldMappingInput, 'owner'> & { owner?: FieldOwner | null }>;
  rule?: SmartConnectedItemInput['rule'];
};

export function configFingerprint(sci: FingerprintableSci): string {
  const rule = sci.rule && sci.rule.enabled !== false ? sci.rule : null;
  const essence = {
    v: 1,
    mode: sci.mode,
    source: { portal: sci.zohoPortalId, project: sci.zohoProjectId, module: sci.zohoModule },
    jira: { projects: [...sci.jiraProjectIds].sort(), issueType: sci.jiraIssueTypeId ?? null },
    mappings: sci.mappings
      .map((m) => ({ jira: m.jiraFieldId, zoho: m.zohoFieldId, owner: ownerFor(sci.mode, m) }))
      .sort((a, b) => (a.jira + '\u0000' + a.zoho < b.jira + '\u0000' + b.zoho ? -1 : 1)),
    options: {
      autoCreate: !!sci.autoCreate,
      status: !!sci.syncStatus,
      comments: !!sci.syncComments,
      attachments: !!sci.syncAttachments,
    },
    rule: rule && {
      field: rule.zohoFieldId,
      operator: rule.operator,
      value:
        rule.operator === 'equals' || rule.operator === 'not_equals' ? (rule.value ?? '').trim().toLowerCase() : null,
      met: rule.metJiraStatusId,
      notMet: rule.notMetJiraStatusId ?? null,
      createWhenNotMet: !!rule.createIssueWhenNotMet,
    },
  };
  return `fp1-${valueHash(essence)}`;
}
