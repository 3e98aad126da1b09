/**
 * Raw Zoho Projects shapes (V3, with classic-API fallbacks) → the product's model. Every V3 field
 * name the connector reads is spelled here, so a correction is one edit. Ids are always strings.
 */
import { zohoStatusType } from '../../workflows/core/capabilities';
import type { ZohoField, ZohoFieldType, ZohoModule, ZohoRecord, ZohoStatus } from '../../workflows/core/model';
import type { ZohoAttachment, ZohoComment, ZohoPortal, ZohoProject, ZohoUser } from './types';

type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;
export const idOf = (o: Json): string => str(o.id_string) ?? str(o.id) ?? str(o.attachment_id) ?? '';
const isoOfLong = (v: unknown): string | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  return n === undefined ? undefined : new Date(n).toISOString();
};
const isoTime = (iso: unknown, long: unknown): string | undefined =>
  (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso : undefined) ?? isoOfLong(long);

export function toZohoStatus(raw: unknown): ZohoStatus | undefined {
  if (!isObj(raw)) return undefined;
  const type = typeof raw.type === 'string' ? raw.type.toLowerCase().replace(/^inprogress$/, 'in_progress') : undefined;
  const name = str(raw.name) ?? str(raw.display_value) ?? str(raw.value) ?? '';
  return { id: idOf(raw), name, type: zohoStatusType({ name, type, is_closed_type: raw.is_closed_type === true }) };
}

/** V3 task/issue (or classic) object → ZohoRecord. `fields` keeps every key by api name (custom ones too). */
export function toZohoRecord(module: ZohoModule, raw: Json): ZohoRecord {
  const fields: Json = { ...raw };
  // Convenience aliases for standard fields that V3 nests.
  const owa = raw.owners_and_work;
  if (isObj(owa) && Array.isArray(owa.owners) && !('owners' in fields)) fields.owners = owa.owners;
  if (isObj(raw.details) && Array.isArray(raw.details.owners) && !('owners' in fields))
    fields.owners = raw.details.owners;
  const key = str(raw.prefix) || str(raw.key) || str(raw.bug_prefix) || undefined;
  const description = str(raw.description);
  const status = toZohoStatus(raw.status);
  return {
    id: idOf(raw),
    module,
    ...(key ? { key } : {}),
    name: str(raw.name) ?? str(raw.title) ?? '',
    ...(description !== undefined ? { description } : {}),
    ...(status ? { status } : {}),
    ...opt('createdAt', isoTime(raw.created_time, raw.created_time_long)),
    ...opt('modifiedAt', isoTime(raw.last_modified_time, raw.last_updated_time_long ?? raw.updated_time_long)),
    fields,
  };
}

function opt<K extends string>(k: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [k]: v } as Record<K, string>);
}

export function toZohoUser(raw: unknown): ZohoUser | undefined {
  if (!isObj(raw)) return undefined;
  const id = str(raw.zpuid) ?? str(raw.id) ?? str(raw.zuid);
  if (!id) return undefined;
  const name =
    str(raw.name) ??
    str(raw.full_name) ??
    str(raw.display_name) ??
    ([str(raw.first_name), str(raw.last_name)].filter(Boolean).join(' ') || (str(raw.email) ?? id));
  return { id, ...opt('zuid', str(raw.zuid)), name, ...opt('email', str(raw.email)) };
}

export function toZohoPortal(raw: Json): ZohoPortal {
  return { id: idOf(raw), name: str(raw.portal_name) ?? str(raw.name) ?? '', ...opt('orgName', str(raw.org_name)) };
}

export function toZohoProject(raw: Json): ZohoProject {
  return {
    id: idOf(raw),
    name: str(raw.name) ?? '',
    ...opt('key', str(raw.prefix) ?? str(raw.key)),
    ...opt('status', isObj(raw.status) ? str(raw.status.name) : str(raw.status)),
  };
}

export function toZohoComment(raw: Json): ZohoComment {
  const by = isObj(raw.created_by) ? raw.created_by : isObj(raw.added_by) ? raw.added_by : undefined;
  return {
    id: str(raw.id_string) ?? str(raw.id) ?? str(raw.commentdvt_id) ?? '',
    html: str(raw.comment) ?? str(raw.content) ?? '',
    ...opt('authorId', by ? (str(by.zuid) ?? str(by.zpuid)) : str(raw.added_by)),
    ...opt('authorName', by ? str(by.name) : str(raw.added_person)),
    ...opt('createdAt', isoTime(raw.created_time, raw.created_time_long)),
    ...opt('modifiedAt', isoTime(raw.last_modified_time, raw.updated_time_long)),
  };
}

/** Live records carry attachment_id "-1" on some files: never a key. */
const SENTINEL_ATTACHMENT_ID = '-1';

export function toZohoAttachment(raw: Json): ZohoAttachment {
  // Who uploaded it (key UNCONFIRMED: added_by in the simulator, uploaded_by/created_by seen elsewhere).
  const by = [raw.added_by, raw.uploaded_by, raw.created_by].find(isObj);
  const size =
    typeof raw.size === 'number'
      ? raw.size
      : typeof raw.size === 'string' && /^\d+$/.test(raw.size)
        ? Number(raw.size)
        : undefined;
  const usable = (v: string | undefined) => (v && v !== SENTINEL_ATTACHMENT_ID ? v : undefined);
  const fileId = usable(str(raw.third_party_file_id));
  const attachmentId = usable(str(raw.attachment_id)) ?? usable(str(raw.id_string)) ?? usable(str(raw.id));
  const downloadUrl =
    str(raw.download_url) ?? (isObj(raw.link) && isObj(raw.link.download) ? str(raw.link.download.url) : undefined);
  return {
    id: fileId ?? attachmentId ?? downloadUrl ?? '',
    ...opt('attachmentId', attachmentId),
    ...opt('fileId', fileId),
    name: str(raw.name) ?? str(raw.file_name) ?? 'attachment',
    ...(size !== undefined ? { size } : {}),
    ...opt('contentType', str(raw.content_type) ?? str(raw.type)),
    ...opt('downloadUrl', downloadUrl || undefined),
    ...opt('createdAt', isoTime(raw.created_time, raw.created_time_long)),
    ...opt('uploaderId', by ? (str(by.zuid) ?? str(by.zpuid) ?? str(by.id)) : undefined),
    ...opt('uploaderEmail', by ? str(by.email) : undefined),
  };
}

const COLUMN_TYPES: Record<string, ZohoFieldType> = {
  text: 'text',
  singleline: 'text',
  multiline: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  html: 'html',
  rich_text: 'html',
  number: 'number',
  integer: 'number',
  decimal: 'decimal',
  currency: 'decimal',
  percent: 'percent',
  date: 'date',
  datetime: 'datetime',
  date_time: 'datetime',
  picklist: 'picklist',
  pick_list: 'picklist',
  multipicklist: 'multipicklist',
  multi_picklist: 'multipicklist',
  multiselect: 'multipicklist',
  user: 'user',
  user_picklist: 'user',
  multiuser: 'multiuser',
  multi_user: 'multiuser',
  boolean: 'boolean',
  checkbox: 'boolean',
  tags: 'tags',
};

/** One row of GET /settings/fields (shape UNCONFIRMED; tolerant). Field id = api name. */
export function toZohoField(raw: Json): ZohoField | undefined {
  const id = str(raw.api_name) ?? str(raw.column_name);
  if (!id) return undefined;
  const options = Array.isArray(raw.picklist_values ?? raw.options)
    ? ((raw.picklist_values ?? raw.options) as unknown[]).filter(isObj).map((o) => ({
        id: idOf(o),
        value: str(o.value) ?? str(o.display_value) ?? str(o.name) ?? '',
        ...(str(o.display_value) ? { label: str(o.display_value) } : {}),
      }))
    : undefined;
  return {
    id,
    name: str(raw.display_name) ?? str(raw.name) ?? id,
    type: COLUMN_TYPES[(str(raw.column_type) ?? str(raw.type) ?? 'text').toLowerCase()] ?? 'text',
    custom: raw.is_custom_field === true || raw.is_custom === true,
    ...(options ? { options } : {}),
    writable: raw.is_read_only !== true && raw.read_only !== true,
  };
}

const f = (id: string, name: string, type: ZohoFieldType, writable = true, options?: string[]): ZohoField => ({
  id,
  name,
  type,
  custom: false,
  writable,
  ...(options ? { options: options.map((v) => ({ id: v, value: v })) } : {}),
});

/** Standard fields present on every record of the module (V3 names). */
export const STANDARD_FIELDS: Readonly<Record<ZohoModule, readonly ZohoField[]>> = {
  tasks: [
    f('name', 'Name', 'text'),
    f('description', 'Description', 'html'),
    f('status', 'Status', 'status'),
    f('priority', 'Priority', 'priority', true, ['none', 'low', 'medium', 'high']),
    f('owners', 'Owners', 'multiuser'),
    f('start_date', 'Start Date', 'date'),
    f('end_date', 'Due Date', 'date'),
    f('completion_percentage', 'Completion %', 'percent'),
    f('billing_type', 'Billing Type', 'picklist', true, ['none', 'billable', 'non_billable']),
    // Tags have their own API; a PATCH with `tags` answers EXTRA_KEY_FOUND_IN_JSON: read-only here.
    f('tags', 'Tags', 'tags', false),
    f('prefix', 'Key', 'text', false),
    f('tasklist', 'Task List', 'text', false),
    f('milestone', 'Milestone', 'text', false),
    f('created_by', 'Created By', 'user', false),
    f('created_time', 'Created Time', 'datetime', false),
    f('last_modified_time', 'Last Modified Time', 'datetime', false),
  ],
  issues: [
    f('name', 'Name', 'text'),
    f('description', 'Description', 'html'),
    f('status', 'Status', 'status'),
    f('severity', 'Severity', 'picklist'),
    f('assignee', 'Assignee', 'user'),
    f('due_date', 'Due Date', 'date'),
    f('flag', 'Flag', 'picklist', true, ['internal', 'external']),
    f('tags', 'Tags', 'tags', false),
    f('prefix', 'Key', 'text', false),
    f('reporter', 'Reporter', 'user', false),
    f('created_by', 'Created By', 'user', false),
    f('created_time', 'Created Time', 'datetime', false),
    f('last_modified_time', 'Last Modified Time', 'datetime', false),
  ],
  milestones: [
    f('name', 'Name', 'text', false),
    f('status', 'Status', 'status', false),
    f('start_date', 'Start Date', 'date', false),
    f('end_date', 'End Date', 'date', false),
    f('owner', 'Owner', 'user', false),
    f('flag', 'Flag', 'text', false),
  ],
  timesheets: [
    f('name', 'Name', 'text', false),
    f('date', 'Date', 'date', false),
    f('hours', 'Hours', 'text', false),
    f('owner', 'User', 'user', false),
    f('bill_status', 'Billing Status', 'text', false),
    f('notes', 'Notes', 'text', false),
  ],
};

/** Standard fields first; layout/settings fields refine them (options, types) and add custom ones. */
export function mergeFields(module: ZohoModule, fromApi: ZohoField[]): ZohoField[] {
  const byId = new Map<string, ZohoField>();
  for (const s of STANDARD_FIELDS[module]) byId.set(s.id, s);
  for (const a of fromApi) {
    const std = byId.get(a.id);
    byId.set(
      a.id,
      std ? { ...std, name: a.name || std.name, ...(a.options?.length ? { options: a.options } : {}) } : a,
    );
  }
  return [...byId.values()];
}
