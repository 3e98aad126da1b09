import { V3Error, v3Errors } from './errors';
import type { Json, ZohoItem, ZohoModule, ZohoProject, ZohoUser } from './model';
import { planWrite } from './record-fields';
import { statusRef, userRef, type ZohoSimState } from './store';

/** Creates tasks and issues in their V3 shape (zoho.md "Record fields (V3)"). */

function baseJson(
  state: ZohoSimState,
  project: ZohoProject,
  module: ZohoModule,
  id: string,
  creator: ZohoUser,
  atMs: number,
): Json {
  project.counters[module] += 1;
  const iso = new Date(atMs).toISOString();
  const open = state.statuses[module][0];
  // Plain literals (no spreads): seeding 10 000 records should stay well under a second.
  const json: Json = {
    id,
    prefix: `${project.prefix}-${module === 'tasks' ? 'T' : 'I'}${project.counters[module]}`,
    name: '',
    description: '',
    status: open ? statusRef(open) : null,
    created_time: iso,
    last_modified_time: iso,
    created_by: userRef(creator),
    project: { id: project.id, name: project.json.name },
    association_info: { has_comments: false, has_attachments: false, has_followers: false },
  };
  if (module === 'tasks') {
    json.priority = 'none';
    json.owners_and_work = { owners: [], work_type: 'work_hrs_per_day' };
    json.start_date = null;
    json.end_date = null;
    json.completion_percentage = 0;
    json.is_completed = false;
    json.billing_type = 'none';
    json.tasklist = project.tasklists[0] ? { id: project.tasklists[0].id, name: project.tasklists[0].name } : null;
    json.milestone = null;
  } else {
    json.flag = 'internal';
    json.assignee = null;
    json.reporter = userRef(creator);
    json.severity = state.severities[0] ? { id: state.severities[0].id, value: state.severities[0].value } : null;
    json.due_date = null;
  }
  for (const f of state.fields[module]) {
    if (f.is_custom_field)
      json[f.api_name] =
        f.column_type === 'user' ? [] : f.column_type === 'picklist' ? (f.options?.[0]?.value ?? null) : null;
  }
  return json;
}

export interface CreateItemOptions {
  creator: ZohoUser;
  /** Created/modified time; defaults to now. Seeding uses it to spread history. */
  atMs?: number;
}

/** Validate and create a task or issue; returns the stored item or the V3 error to send. */
export function createItem(
  state: ZohoSimState,
  project: ZohoProject,
  module: ZohoModule,
  body: unknown,
  opts: CreateItemOptions,
): ZohoItem | V3Error {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return v3Errors.jsonParse();
  if (typeof (body as Json).name !== 'string' || !(body as Json).name) return v3Errors.missing('name');
  const plan = planWrite(state, project, module, body);
  if (plan instanceof V3Error) return plan;
  const atMs = opts.atMs ?? state.clock.now();
  const id = state.ids.id();
  const json = baseJson(state, project, module, id, opts.creator, atMs);
  plan(json);
  const item: ZohoItem = {
    id,
    module,
    projectId: project.id,
    json,
    modifiedMs: atMs,
    comments: [],
    attachmentIds: [],
    followerZpuids: [],
  };
  state.insertItem(item);
  return item;
}

/** Keep association_info in step with comments, attachments and followers. */
export function refreshAssociations(item: ZohoItem): void {
  item.json.association_info = {
    ...(item.json.association_info as Json),
    has_comments: item.comments.length > 0,
    has_attachments: item.attachmentIds.length > 0,
    has_followers: item.followerZpuids.length > 0,
  };
}

/** What a list returns for one item (issues may omit the modified time behind a switch). */
export function listView(state: ZohoSimState, item: ZohoItem): Json {
  if (item.module === 'issues' && state.config.switches.issueListOmitsModifiedTime) {
    const { last_modified_time: _omit, ...rest } = item.json;
    return rest;
  }
  return item.json;
}
