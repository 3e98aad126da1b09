/** Jira REST v3 shapes → the product's model (JiraIssue, JiraStatus, JiraField…). */
import { jiraStatusCategoryFromKey } from '../../workflows/core/capabilities';
import type { JiraFieldType, JiraIssue, JiraStatus, JiraTransition } from '../../workflows/core/model';
import type { JiraAttachment, JiraComment, JiraFieldMeta, JiraUser } from './types';

type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** A Jira user; `emailAddress` is absent when the user's profile visibility hides it. */
export function toJiraUser(raw: Json): JiraUser {
  const email = str(raw.emailAddress);
  return {
    accountId: str(raw.accountId) ?? '',
    displayName: str(raw.displayName) ?? '',
    ...(email ? { emailAddress: email } : {}),
  };
}

export function toJiraStatus(raw: unknown): JiraStatus {
  const o = isObj(raw) ? raw : {};
  const cat = isObj(o.statusCategory) ? str(o.statusCategory.key) : undefined;
  return { id: str(o.id) ?? '', name: str(o.name) ?? '', category: jiraStatusCategoryFromKey(cat) };
}

export function toJiraIssue(raw: Json): JiraIssue {
  const fields = isObj(raw.fields) ? raw.fields : {};
  return {
    id: str(raw.id) ?? '',
    key: str(raw.key) ?? '',
    projectId: isObj(fields.project) ? (str(fields.project.id) ?? '') : '',
    issueTypeId: isObj(fields.issuetype) ? (str(fields.issuetype.id) ?? '') : '',
    status: toJiraStatus(fields.status),
    updated: str(fields.updated) ?? '',
    fields,
  };
}

export function toJiraTransition(raw: Json): JiraTransition {
  return {
    id: str(raw.id) ?? '',
    name: str(raw.name) ?? '',
    to: toJiraStatus(raw.to),
    ...(typeof raw.hasScreen === 'boolean' ? { hasScreen: raw.hasScreen } : {}),
    ...(typeof raw.isAvailable === 'boolean' ? { isAvailable: raw.isAvailable } : {}),
    ...requiredScreenFields(raw.fields),
  };
}

/** Screen fields (expand=transitions.fields) that are required and have no default value. */
function requiredScreenFields(fields: unknown): { requiredFields?: string[] } {
  if (!isObj(fields)) return {};
  const names = Object.entries(fields).flatMap(([id, meta]) =>
    isObj(meta) && meta.required === true && meta.hasDefaultValue !== true ? [str(meta.name) ?? id] : [],
  );
  return names.length > 0 ? { requiredFields: names } : {};
}

export function toJiraComment(raw: Json): JiraComment {
  const author = isObj(raw.author) ? raw.author : undefined;
  return {
    id: str(raw.id) ?? '',
    body: raw.body,
    ...(author && str(author.accountId) ? { authorAccountId: str(author.accountId) } : {}),
    ...(author && str(author.displayName) ? { authorName: str(author.displayName) } : {}),
    ...(str(raw.created) ? { created: str(raw.created) } : {}),
    ...(str(raw.updated) ? { updated: str(raw.updated) } : {}),
  };
}

export function toJiraAttachment(raw: Json): JiraAttachment {
  const author = isObj(raw.author) ? raw.author : undefined;
  return {
    id: str(raw.id) ?? '',
    filename: str(raw.filename) ?? '',
    size: typeof raw.size === 'number' ? raw.size : Number(raw.size ?? 0),
    mimeType: str(raw.mimeType) ?? 'application/octet-stream',
    ...(str(raw.created) ? { created: str(raw.created) } : {}),
    ...(author && str(author.accountId) ? { authorAccountId: str(author.accountId) } : {}),
  };
}

/** schema {type, items, system, custom} → the connector's coarse field type. */
export function jiraFieldType(schema: unknown): JiraFieldType {
  if (!isObj(schema)) return 'other';
  const type = str(schema.type);
  const system = str(schema.system);
  const custom = str(schema.custom) ?? '';
  if (system === 'description' || system === 'environment' || custom.endsWith(':textarea')) return 'adf';
  if (system === 'labels' || custom.endsWith(':labels')) return 'labels';
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'option':
      return 'option';
    case 'user':
      return 'user';
    case 'priority':
      return 'priority';
    case 'status':
      return 'status';
    case 'array':
      return 'array';
    default:
      return 'other';
  }
}

/** One createmeta field (FieldCreateMetadata) → JiraFieldMeta. */
export function toJiraFieldMeta(raw: Json): JiraFieldMeta {
  const id = str(raw.fieldId) ?? str(raw.key) ?? '';
  const allowed = Array.isArray(raw.allowedValues)
    ? raw.allowedValues.filter(isObj).map((v) => ({ id: str(v.id) ?? '', value: str(v.value) ?? str(v.name) ?? '' }))
    : undefined;
  return {
    id,
    name: str(raw.name) ?? id,
    type: jiraFieldType(raw.schema),
    custom: id.startsWith('customfield_'),
    required: raw.required === true,
    ...(allowed ? { allowedValues: allowed } : {}),
  };
}
