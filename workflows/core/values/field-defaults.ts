/**
 * Field metadata for well-known system fields, used when the caller passes no metadata for a
 * mapped field (custom fields always come from Jira GET /field or Zoho layouts).
 */
import type { JiraField, JiraFieldType, ZohoField, ZohoFieldType } from '../model';

const JIRA_SYSTEM_FIELD_TYPES: Record<string, JiraFieldType> = {
  summary: 'string',
  description: 'adf',
  environment: 'adf',
  labels: 'labels',
  priority: 'priority',
  duedate: 'date',
  assignee: 'user',
  reporter: 'user',
  status: 'status',
};

const ZOHO_SYSTEM_FIELD_TYPES: Record<string, ZohoFieldType> = {
  name: 'text',
  description: 'html',
  status: 'status',
  priority: 'priority',
  start_date: 'date',
  end_date: 'date',
  due_date: 'date',
  tags: 'tags',
  owners: 'multiuser',
  assignee: 'user',
  completion_percentage: 'percent',
  billing_type: 'picklist',
  severity: 'picklist',
  flag: 'picklist',
};

export function jiraFieldMeta(id: string, known?: ReadonlyMap<string, JiraField>): JiraField {
  return (
    known?.get(id) ?? {
      id,
      name: id,
      type: JIRA_SYSTEM_FIELD_TYPES[id] ?? 'other',
      custom: id.startsWith('customfield_'),
    }
  );
}

export function zohoFieldMeta(id: string, known?: ReadonlyMap<string, ZohoField>): ZohoField {
  return known?.get(id) ?? { id, name: id, type: ZOHO_SYSTEM_FIELD_TYPES[id] ?? 'text', custom: false, writable: true };
}

export function indexById<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
