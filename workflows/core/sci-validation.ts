/**
 * The Smart Connected Item matrix of the product spec, as one validation a form can show next to
 * its fields ("mappings.2.owner", "rule.value"). Pure; the server runs it before saving.
 */
import { SYNC_MODE_CAPABILITIES, ZOHO_MODULE_CAPABILITIES } from './capabilities';
import { derivedOwner, directionsFor, ownerFor, type ResolvedFieldMapping } from './mapping';
import { smartConnectedItemInputSchema, type SmartConnectedItem, type SmartConnectedItemInput } from './model';

export interface SciValidationError {
  field: string;
  code: string;
  message: string;
}

/** A validated SCI before it is saved: owners resolved, rule normalised. */
/** Every saved mapping has an owner: display-only takes no mappings and custom requires one. */
export type SmartConnectedItemDraft = Omit<SmartConnectedItem, 'id' | 'installationId' | 'mappings'> & {
  mappings: ResolvedFieldMapping[];
};

export type SciValidationResult =
  { ok: true; value: SmartConnectedItemDraft } | { ok: false; errors: SciValidationError[] };

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  mode: 'Sync mode',
  zohoPortalId: 'Zoho portal',
  zohoProjectId: 'Zoho project',
  zohoModule: 'Zoho module',
  jiraProjectIds: 'Jira project',
  jiraIssueTypeId: 'Jira issue type',
  displayFields: 'Display fields',
  mappings: 'Field mappings',
  jiraFieldId: 'Jira field',
  zohoFieldId: 'Zoho field',
  owner: 'Field owner',
  autoCreate: 'Auto-create Jira issues',
  syncStatus: 'Status sync',
  syncComments: 'Comments sync',
  syncAttachments: 'Attachments sync',
  rule: 'Conditional Sync Rule',
  operator: 'Operator',
  value: 'Value',
  metJiraStatusId: 'Jira status when condition is met',
  notMetJiraStatusId: 'Jira status when condition is not met',
  createIssueWhenNotMet: 'Create Jira issue when rule is not met',
  unmappedUserPolicy: 'Unmapped users',
  unmappedUserJiraDefault: 'Default Jira user',
  unmappedUserZohoDefault: 'Default Zoho user',
};

const OPTION_FIELDS = [
  ['autoCreate', 'autoCreate'],
  ['syncStatus', 'status'],
  ['syncComments', 'comments'],
] as const;

function labelOf(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const label = FIELD_LABELS[String(path[i])];
    if (label) return label;
  }
  return String(path.join('.'));
}

export function validateSmartConnectedItem(input: SmartConnectedItemInput | unknown): SciValidationResult {
  const parsed = smartConnectedItemInputSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const missing =
          (issue.code === 'invalid_type' && /undefined/.test(issue.message)) ||
          (issue.code === 'too_small' && Number(issue.minimum) === 1);
        return {
          field: issue.path.map(String).join('.'),
          code: missing ? 'required' : 'invalid',
          message: missing ? `${labelOf(issue.path)} is required.` : `${labelOf(issue.path)}: ${issue.message}`,
        };
      }),
    };
  }
  const sci = parsed.data;
  const errors: SciValidationError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const mode = SYNC_MODE_CAPABILITIES[sci.mode];
  const module = ZOHO_MODULE_CAPABILITIES[sci.zohoModule];
  const rule = sci.rule && sci.rule.enabled !== false ? sci.rule : null;

  if (!mode.synchronized) {
    if (sci.displayFields.length === 0)
      add('displayFields', 'required', 'Select at least one Zoho field to show in the Jira issue panel.');
    if (sci.jiraIssueTypeId)
      add('jiraIssueTypeId', 'not_allowed', 'Display-only items apply to whole Jira projects; remove the issue type.');
    if (sci.mappings.length)
      add('mappings', 'not_allowed', 'Display-only items do not sync, so they take no field mappings.');
    for (const [field] of [...OPTION_FIELDS, ['syncAttachments', 'attachments'] as const]) {
      if (sci[field])
        add(field, 'not_allowed', `${FIELD_LABELS[field]} is not available for display-only items, which never sync.`);
    }
    if (rule) add('rule', 'not_allowed', 'Conditional Sync Rules are not available for display-only items.');
  } else {
    if (sci.jiraProjectIds.length !== 1) {
      add('jiraProjectIds', 'exactly_one', 'A synchronized item targets exactly one Jira project.');
    }
    if (!sci.jiraIssueTypeId) add('jiraIssueTypeId', 'required', 'Choose the Jira issue type this item syncs with.');
    if (!module.synchronized) {
      add(
        'zohoModule',
        'module_display_only',
        `${module.label} can only be used by display-only items in this version; synchronized items support Tasks and Issues.`,
      );
    }
    for (const [field, capability] of OPTION_FIELDS) {
      if (sci[field] && !module[capability]) {
        add(field, 'not_supported_for_module', `${FIELD_LABELS[field]} is only available for Zoho Tasks and Issues.`);
      }
    }
    if (sci.syncAttachments && !module.attachments) {
      add(
        'syncAttachments',
        'not_supported_for_module',
        'Attachments sync is only available for Zoho Tasks and Issues.',
      );
    }
    validateMappings(sci, add);
    if (rule) validateRule(rule, sci.autoCreate, add);
    if (sci.unmappedUserPolicy === 'default_user' && !sci.unmappedUserJiraDefault && !sci.unmappedUserZohoDefault)
      add(
        'unmappedUserJiraDefault',
        'required',
        'Choose the default Jira user (accountId) or Zoho user (zpuid) written instead of an unmapped user.',
      );
  }

  if (errors.length) return { ok: false, errors };
  return { ok: true, value: normalise(sci, rule) };
}

type Add = (field: string, code: string, message: string) => void;

function validateMappings(sci: SmartConnectedItemInput, add: Add): void {
  const derived = derivedOwner(sci.mode);
  const jiraSeen = new Map<string, number>();
  const zohoWriteSeen = new Map<string, number>();
  sci.mappings.forEach((m, i) => {
    const at = `mappings.${i}`;
    if (sci.mode === 'custom' && !m.owner) {
      add(`${at}.owner`, 'required', 'Choose who owns this field: Zoho Projects, Jira, or both.');
    }
    if (derived && m.owner && m.owner !== derived) {
      add(
        `${at}.owner`,
        'owner_not_allowed_in_mode',
        `In ${SYNC_MODE_CAPABILITIES[sci.mode].label} every field is owned by ${
          derived === 'zoho' ? 'Zoho Projects' : 'both sides'
        }; use Custom Sync per Mapping to choose owners per field.`,
      );
    }
    if (m.jiraFieldId === 'status' || m.zohoFieldId === 'status') {
      add(
        `${at}.jiraFieldId`,
        'use_status_sync',
        'Status is synchronized by the Status sync option or a Conditional Sync Rule, not by a field mapping.',
      );
    }
    const firstJira = jiraSeen.get(m.jiraFieldId);
    if (firstJira !== undefined) {
      add(
        `${at}.jiraFieldId`,
        'duplicate',
        `This Jira field is already mapped in mapping ${firstJira + 1}; map each Jira field once.`,
      );
    } else jiraSeen.set(m.jiraFieldId, i);
    const owner = ownerFor(sci.mode, m);
    if (owner && directionsFor(owner).includes('jira_to_zoho')) {
      const firstZoho = zohoWriteSeen.get(m.zohoFieldId);
      if (firstZoho !== undefined) {
        add(
          `${at}.zohoFieldId`,
          'duplicate',
          `Jira already writes this Zoho field through mapping ${firstZoho + 1}; two Jira fields cannot write one Zoho field.`,
        );
      } else zohoWriteSeen.set(m.zohoFieldId, i);
    }
  });
}

function validateRule(rule: NonNullable<SmartConnectedItemInput['rule']>, autoCreate: boolean, add: Add): void {
  const needsValue = rule.operator === 'equals' || rule.operator === 'not_equals';
  if (needsValue && !rule.value?.trim()) {
    add('rule.value', 'required', 'Enter the value the Zoho field is compared with.');
  }
  if (rule.createIssueWhenNotMet && !rule.notMetJiraStatusId) {
    add(
      'rule.notMetJiraStatusId',
      'required',
      'Choose the Jira status for issues created from records that do not meet the rule.',
    );
  }
  if (rule.createIssueWhenNotMet && !autoCreate) {
    add(
      'rule.createIssueWhenNotMet',
      'requires_auto_create',
      'Turn on Auto-create Jira issues to create issues for records that do not meet the rule.',
    );
  }
}

function normalise(sci: SmartConnectedItemInput, rule: SmartConnectedItemInput['rule']): SmartConnectedItemDraft {
  const { rule: _rule, mappings, ...rest } = sci;
  const synchronized = SYNC_MODE_CAPABILITIES[sci.mode].synchronized;
  return {
    ...rest,
    jiraIssueTypeId: synchronized ? sci.jiraIssueTypeId : undefined,
    mappings: mappings.map((m) => ({ ...m, owner: ownerFor(sci.mode, m)! })),
    rule:
      !synchronized || !sci.rule
        ? null
        : {
            ...sci.rule,
            value:
              sci.rule.operator === 'equals' || sci.rule.operator === 'not_equals' ? sci.rule.value?.trim() : undefined,
            enabled: rule ? true : false,
          },
  };
}
