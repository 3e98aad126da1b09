/**
 * The Smart Connected Item being edited in the guided flow, and its conversion to the API body.
 * The server validates the mode/module matrix too; this only keeps the flow from offering what the
 * chosen mode or module cannot do.
 */
import type { Item } from '../../../server/contract/admin';
import type {
  FieldOwner,
  RuleOperator,
  SmartConnectedItemInput,
  UnmappedUserPolicyName,
  SyncMode,
  ZohoModule,
} from '../../../workflows/core/model';
import type { JiraProject, Named, ZohoModuleInfo } from '../api';

export interface MappingDraft {
  key: number;
  jiraFieldId: string | null;
  jiraFieldName?: string;
  zohoFieldId: string | null;
  zohoFieldName?: string;
  owner: FieldOwner;
}

export interface RuleDraft {
  enabled: boolean;
  zohoFieldId: string | null;
  zohoFieldName?: string;
  operator: RuleOperator;
  value: string;
  metJiraStatusId: string | null;
  metJiraStatusName?: string;
  notMetJiraStatusId: string | null;
  notMetJiraStatusName?: string;
  createIssueWhenNotMet: boolean;
}

export interface ItemDraft {
  id: string | null;
  enabled: boolean;
  name: string;
  mode: SyncMode | null;
  zohoPortal: Named | null;
  zohoProject: Named | null;
  zohoModule: ZohoModule | null;
  jiraProjects: JiraProject[];
  jiraIssueType: Named | null;
  displayFields: string[];
  mappings: MappingDraft[];
  autoCreate: boolean;
  syncStatus: boolean;
  syncComments: boolean;
  syncAttachments: boolean;
  showAssociations: boolean;
  rule: RuleDraft;
  /** Zoho → Jira cadence in minutes (5 by default). */
  zohoCadenceMinutes?: number;
  /** Users without a counterpart (README "User mapping"). */
  unmappedUserPolicy: UnmappedUserPolicyName;
  unmappedUserJiraDefault: string;
  unmappedUserZohoDefault: string;
}

export const STEPS = [
  { id: 'mode', title: 'Sync mode' },
  { id: 'source', title: 'Zoho source' },
  { id: 'jira', title: 'Jira scope' },
  { id: 'fields', title: 'Fields' },
  { id: 'options', title: 'Options' },
  { id: 'rule', title: 'Conditional Sync Rule' },
  { id: 'review', title: 'Review' },
] as const;
export type StepId = (typeof STEPS)[number]['id'];

let nextKey = 1;
export const newMapping = (): MappingDraft => ({ key: nextKey++, jiraFieldId: null, zohoFieldId: null, owner: 'zoho' });

const emptyRule = (): RuleDraft => ({
  enabled: false,
  zohoFieldId: null,
  operator: 'equals',
  value: '',
  metJiraStatusId: null,
  notMetJiraStatusId: null,
  createIssueWhenNotMet: false,
});

export function emptyDraft(): ItemDraft {
  return {
    id: null,
    enabled: true,
    name: '',
    mode: null,
    zohoPortal: null,
    zohoProject: null,
    zohoModule: null,
    jiraProjects: [],
    jiraIssueType: null,
    displayFields: [],
    mappings: [],
    autoCreate: false,
    syncStatus: false,
    syncComments: false,
    syncAttachments: false,
    showAssociations: false,
    rule: emptyRule(),
    unmappedUserPolicy: 'attention',
    unmappedUserJiraDefault: '',
    unmappedUserZohoDefault: '',
  };
}

export function draftFromItem(item: Item): ItemDraft {
  return {
    id: item.id,
    enabled: item.enabled,
    name: item.name,
    mode: item.mode,
    zohoPortal: { id: item.zohoPortalId, name: item.zohoPortalName ?? item.zohoPortalId },
    zohoProject: { id: item.zohoProjectId, name: item.zohoProjectName ?? item.zohoProjectId },
    zohoModule: item.zohoModule,
    jiraProjects: item.jiraProjectIds.map((id, i) => ({
      id,
      key: item.jiraProjectKeys[i] ?? id,
      name: item.jiraProjectKeys[i] ?? id,
    })),
    jiraIssueType: item.jiraIssueTypeId
      ? { id: item.jiraIssueTypeId, name: item.jiraIssueTypeName ?? item.jiraIssueTypeId }
      : null,
    displayFields: [...item.displayFields],
    mappings: item.mappings.map((m) => ({
      key: nextKey++,
      jiraFieldId: m.jiraFieldId,
      jiraFieldName: m.jiraFieldName ?? undefined,
      zohoFieldId: m.zohoFieldId,
      zohoFieldName: m.zohoFieldName ?? undefined,
      owner: m.owner,
    })),
    autoCreate: item.autoCreate,
    syncStatus: item.syncStatus,
    syncComments: item.syncComments,
    syncAttachments: item.syncAttachments,
    showAssociations: item.showAssociations,
    zohoCadenceMinutes: item.zohoCadenceMinutes,
    unmappedUserPolicy: item.unmappedUserPolicy ?? 'attention',
    unmappedUserJiraDefault: item.unmappedUserJiraDefault ?? '',
    unmappedUserZohoDefault: item.unmappedUserZohoDefault ?? '',
    rule: item.rule
      ? {
          enabled: item.rule.enabled,
          zohoFieldId: item.rule.zohoFieldId,
          zohoFieldName: item.rule.zohoFieldName ?? undefined,
          operator: item.rule.operator,
          value: item.rule.value ?? '',
          metJiraStatusId: item.rule.metJiraStatusId,
          metJiraStatusName: item.rule.metJiraStatusName ?? undefined,
          notMetJiraStatusId: item.rule.notMetJiraStatusId,
          notMetJiraStatusName: item.rule.notMetJiraStatusName ?? undefined,
          createIssueWhenNotMet: item.rule.createIssueWhenNotMet,
        }
      : emptyRule(),
  };
}

export const isSynchronized = (mode: SyncMode | null): boolean => mode !== null && mode !== 'display_only';
export const valueNeeded = (op: RuleOperator): boolean => op === 'equals' || op === 'not_equals';

/** Which options the chosen mode and module allow (spec: modes and behavior matrix, module support). */
export function allowedOptions(mode: SyncMode | null, module: ZohoModuleInfo | undefined) {
  const sync = isSynchronized(mode) && !!module?.synchronizable;
  return {
    autoCreate: sync && !!module?.autoCreate,
    syncStatus: sync && !!module?.statusSync,
    syncComments: sync && !!module?.commentSync,
    syncAttachments: sync && !!module?.attachmentSync,
    showAssociations: true,
    rule: sync,
  };
}

export function stepsFor(mode: SyncMode | null): StepId[] {
  return STEPS.map((s) => s.id).filter((id) => id !== 'rule' || isSynchronized(mode));
}

/** The step that owns an API field error path such as "mappings.2.owner". */
export function stepOfPath(path: string): StepId {
  const head = path.split('.')[0];
  if (head === 'name' || head === 'mode') return 'mode';
  if (head.startsWith('zoho')) return 'source';
  if (head.startsWith('jira')) return 'jira';
  if (head === 'displayFields' || head === 'mappings') return 'fields';
  if (head === 'rule') return 'rule';
  if (['autoCreate', 'syncStatus', 'syncComments', 'syncAttachments', 'showAssociations'].includes(head))
    return 'options';
  if (head.startsWith('unmappedUser')) return 'options';
  return 'review';
}

/** Problems that keep the admin on a step (messages keyed by API path, so they render like server errors). */
export function localErrors(step: StepId, d: ItemDraft): Array<{ field: string; code: string; message: string }> {
  const out: Array<{ field: string; code: string; message: string }> = [];
  const add = (field: string, message: string) => out.push({ field, code: 'required', message });
  if (step === 'mode') {
    if (!d.mode) add('mode', 'Choose how this item synchronizes.');
    if (!d.name.trim()) add('name', 'Give the item a name so you can find it in the grid.');
  }
  if (step === 'source') {
    if (!d.zohoPortal) add('zohoPortalId', 'Select a Zoho portal.');
    if (!d.zohoProject) add('zohoProjectId', 'Select a Zoho project.');
    if (!d.zohoModule) add('zohoModule', 'Select a Zoho Projects module.');
  }
  if (step === 'jira') {
    if (d.jiraProjects.length === 0) add('jiraProjectIds', 'Select the Jira project this item applies to.');
    if (isSynchronized(d.mode) && !d.jiraIssueType)
      add('jiraIssueTypeId', 'Synchronized items need a Jira issue type.');
  }
  if (step === 'fields') {
    if (d.mode === 'display_only' && d.displayFields.length === 0)
      add('displayFields', 'Select at least one Zoho field to show in the issue panel.');
    d.mappings.forEach((m, i) => {
      if (!m.jiraFieldId) add(`mappings.${i}.jiraFieldId`, 'Choose a Jira field or remove this row.');
      if (!m.zohoFieldId) add(`mappings.${i}.zohoFieldId`, 'Choose a Zoho field or remove this row.');
    });
  }
  if (step === 'rule' && d.rule.enabled) {
    if (!d.rule.zohoFieldId) add('rule.zohoFieldId', 'Choose the Zoho field the rule evaluates.');
    if (valueNeeded(d.rule.operator) && !d.rule.value) add('rule.value', 'Choose the value to compare with.');
    if (!d.rule.metJiraStatusId) add('rule.metJiraStatusId', 'Choose the Jira status for records that meet the rule.');
    if (d.rule.createIssueWhenNotMet && !d.rule.notMetJiraStatusId)
      add('rule.notMetJiraStatusId', 'Choose the Jira status for records that do not meet the rule.');
  }
  return out;
}

export function toInput(d: ItemDraft, module: ZohoModuleInfo | undefined): SmartConnectedItemInput {
  const allowed = allowedOptions(d.mode, module);
  const sync = isSynchronized(d.mode);
  const mode = d.mode ?? 'display_only';
  return {
    name: d.name.trim(),
    mode,
    enabled: d.enabled,
    zohoPortalId: d.zohoPortal?.id ?? '',
    zohoPortalName: d.zohoPortal?.name,
    zohoProjectId: d.zohoProject?.id ?? '',
    zohoProjectName: d.zohoProject?.name,
    zohoModule: d.zohoModule ?? 'tasks',
    jiraProjectIds: (sync ? d.jiraProjects.slice(0, 1) : d.jiraProjects).map((p) => p.id),
    jiraProjectKeys: (sync ? d.jiraProjects.slice(0, 1) : d.jiraProjects).map((p) => p.key),
    jiraIssueTypeId: sync ? d.jiraIssueType?.id : undefined,
    jiraIssueTypeName: sync ? d.jiraIssueType?.name : undefined,
    displayFields: d.displayFields,
    mappings: sync
      ? d.mappings.map((m) => ({
          jiraFieldId: m.jiraFieldId ?? '',
          jiraFieldName: m.jiraFieldName,
          zohoFieldId: m.zohoFieldId ?? '',
          zohoFieldName: m.zohoFieldName,
          ...(mode === 'custom' ? { owner: m.owner } : {}),
        }))
      : [],
    autoCreate: allowed.autoCreate && d.autoCreate,
    syncStatus: allowed.syncStatus && d.syncStatus,
    syncComments: allowed.syncComments && d.syncComments,
    syncAttachments: allowed.syncAttachments && d.syncAttachments,
    showAssociations: d.showAssociations,
    ...(sync && d.zohoCadenceMinutes ? { zohoCadenceMinutes: d.zohoCadenceMinutes } : {}),
    ...(sync
      ? {
          unmappedUserPolicy: d.unmappedUserPolicy,
          unmappedUserJiraDefault: d.unmappedUserJiraDefault.trim() || null,
          unmappedUserZohoDefault: d.unmappedUserZohoDefault.trim() || null,
        }
      : {}),
    rule:
      sync && d.rule.enabled && d.rule.zohoFieldId && d.rule.metJiraStatusId
        ? {
            enabled: true,
            zohoFieldId: d.rule.zohoFieldId,
            zohoFieldName: d.rule.zohoFieldName,
            operator: d.rule.operator,
            value: valueNeeded(d.rule.operator) ? d.rule.value : undefined,
            metJiraStatusId: d.rule.metJiraStatusId,
            metJiraStatusName: d.rule.metJiraStatusName,
            notMetJiraStatusId: d.rule.notMetJiraStatusId ?? undefined,
            notMetJiraStatusName: d.rule.notMetJiraStatusName,
            createIssueWhenNotMet: allowed.autoCreate && d.autoCreate && d.rule.createIssueWhenNotMet,
          }
        : null,
  };
}
