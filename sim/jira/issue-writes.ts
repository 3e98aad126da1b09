/** Issue writes as Jira performs them: create, edit (fields + update ops), transition, delete. */
import { describeFieldValue, parseFieldValue, sameValue } from './field-values';
import { JiraError, type JiraStore } from './store';
import type { SimChangeItem, SimHistory, SimIssue, SimProject, SimTransition } from './types';

const NOT_SETTABLE = (id: string) => `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

export interface CreateIssueInput {
  fields?: Record<string, unknown>;
  update?: Record<string, unknown[]>;
  properties?: Array<{ key?: string; value?: unknown }>;
}

/** Parses and checks `fields` against the project's screen; throws Jira's 400 listing every bad field. */
function parseFields(store: JiraStore, allowed: string[], input: Record<string, unknown>): Record<string, unknown> {
  const errors: Record<string, string> = {};
  const parsed: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(input)) {
    const def = store.field(id);
    if (!def || !allowed.includes(id) || def.kind === 'readonly') {
      errors[id] = NOT_SETTABLE(id);
      continue;
    }
    const result = parseFieldValue(def, raw, store.values);
    if (result.ok) parsed[id] = result.value;
    else errors[id] = result.error;
  }
  if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
  return parsed;
}

/** Applies `update: { field: [{ set | add | remove }] }` operations on top of `fields`. */
function applyUpdateOps(
  store: JiraStore,
  issue: SimIssue | undefined,
  allowed: string[],
  update: Record<string, unknown[]>,
  into: Record<string, unknown>,
): void {
  const errors: Record<string, string> = {};
  for (const [id, ops] of Object.entries(update)) {
    const def = store.field(id);
    if (!def || !allowed.includes(id)) {
      errors[id] = NOT_SETTABLE(id);
      continue;
    }
    if (id in into) {
      errors[id] = `Field '${id}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    let value = issue?.fields[id];
    for (const op of ops as Array<Record<string, unknown>>) {
      if ('set' in op) {
        const result = parseFieldValue(def, op.set, store.values);
        if (!result.ok) errors[id] = result.error;
        else value = result.value;
      } else if (def.kind === 'labels' && ('add' in op || 'remove' in op)) {
        const current = Array.isArray(value) ? [...(value as string[])] : [];
        value = 'add' in op ? [...new Set([...current, String(op.add)])] : current.filter((l) => l !== op.remove);
      } else {
        errors[id] = `Operation '${Object.keys(op)[0]}' is not supported for field '${id}'.`;
      }
    }
    into[id] = value;
  }
  if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
}

function changeItems(store: JiraStore, issue: SimIssue, next: Record<string, unknown>): SimChangeItem[] {
  const items: SimChangeItem[] = [];
  for (const [id, value] of Object.entries(next)) {
    if (sameValue(issue.fields[id], value)) continue;
    const def = store.field(id)!;
    const from = describeFieldValue(def, issue.fields[id], store.values);
    const to = describeFieldValue(def, value, store.values);
    items.push({
      field: def.custom ? def.name : id,
      fieldtype: def.custom ? 'custom' : 'jira',
      fieldId: id,
      from: from.raw,
      fromString: from.text,
      to: to.raw,
      toString: to.text,
    });
  }
  return items;
}

function recordHistory(store: JiraStore, issue: SimIssue, actorId: string, items: SimChangeItem[]): SimHistory {
  const history: SimHistory = { id: store.nextId('history'), authorId: actorId, created: store.now(), items };
  issue.histories.push(history);
  issue.updated = history.created;
  return history;
}

export function createIssue(store: JiraStore, actorId: string, input: CreateIssueInput): SimIssue {
  const fields = { ...(input.fields ?? {}) };
  const projectRef = (fields.project ?? {}) as { id?: string; key?: string };
  const project = store.project(String(projectRef.id ?? projectRef.key ?? ''));
  if (!project) throw new JiraError(400, [], { project: 'Specify a valid project ID or key' });
  const typeRef = (fields.issuetype ?? {}) as { id?: string; name?: string };
  const issueType = store.issueType(typeRef);
  if (!fields.issuetype) throw new JiraError(400, [], { issuetype: 'Specify an issue type' });
  if (!issueType || !project.issueTypeIds.includes(issueType.id)) {
    throw new JiraError(400, [], { issuetype: 'The issue type selected is invalid.' });
  }
  delete fields.project;
  delete fields.issuetype;
  const values = parseFields(store, project.fieldIds, fields);
  if (input.update) applyUpdateOps(store, undefined, project.fieldIds, input.update, values);
  const missing: Record<string, string> = {};
  for (const id of ['summary', ...(project.requiredFieldIds ?? [])]) {
    if (values[id] === undefined || values[id] === null) {
      missing[id] =
        id === 'summary' ? 'You must specify a summary of the issue.' : `${store.field(id)?.name ?? id} is required.`;
    }
  }
  if (Object.keys(missing).length > 0) throw new JiraError(400, [], missing);
  const properties = validateProperties(input.properties ?? []);

  const now = store.now();
  const number = project.nextIssueNumber;
  project.nextIssueNumber += 1;
  const reporterId = typeof values.reporter === 'string' ? values.reporter : actorId;
  delete values.reporter;
  const issue: SimIssue = {
    id: store.nextId('issue'),
    key: `${project.key}-${number}`,
    projectId: project.id,
    issueTypeId: issueType.id,
    statusId: project.workflow.initialStatusId,
    fields: values,
    created: now,
    updated: now,
    statusCategoryChangeDate: now,
    resolutionDate: null,
    creatorId: actorId,
    reporterId,
    comments: [],
    attachmentIds: [],
    properties,
    histories: [],
  };
  store.insertIssue(issue);
  store.commit({ type: 'issue_created', issue, actorId });
  return issue;
}

export function validateProperties(list: Array<{ key?: string; value?: unknown }>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const { key, value } of list) {
    if (!key || key.length > 255)
      throw new JiraError(400, ['The property key cannot be empty or longer than 255 characters.']);
    if (Buffer.byteLength(JSON.stringify(value ?? null)) > 32768) {
      throw new JiraError(400, [`The property '${key}' exceeds the maximum length of 32768 bytes.`]);
    }
    properties[key] = value;
  }
  return properties;
}

export function editIssue(
  store: JiraStore,
  actorId: string,
  idOrKey: string,
  input: CreateIssueInput,
): SimHistory | undefined {
  const issue = store.requireIssue(idOrKey);
  const project = store.projectOf(issue);
  const values = parseFields(store, project.fieldIds, input.fields ?? {});
  if (input.update) applyUpdateOps(store, issue, project.fieldIds, input.update, values);
  if (values.summary === null) throw new JiraError(400, [], { summary: 'You must specify a summary of the issue.' });
  if (values.reporter !== undefined) {
    issue.reporterId = String(values.reporter ?? issue.reporterId);
    delete values.reporter;
  }
  const items = changeItems(store, issue, values);
  Object.assign(issue.fields, values);
  if (items.length === 0) return undefined;
  const history = recordHistory(store, issue, actorId, items);
  store.commit({ type: 'issue_updated', issue, actorId, history });
  return history;
}

export function availableTransitions(project: SimProject, issue: SimIssue): SimTransition[] {
  return project.workflow.transitions.filter(
    (t) => t.to !== issue.statusId && (t.from.length === 0 || t.from.includes(issue.statusId)),
  );
}

export function transitionIssue(
  store: JiraStore,
  actorId: string,
  idOrKey: string,
  transitionId: string,
  input: CreateIssueInput = {},
): SimHistory {
  const issue = store.requireIssue(idOrKey);
  const project = store.projectOf(issue);
  const transition = availableTransitions(project, issue).find((t) => t.id === String(transitionId));
  if (!transition) throw new JiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  const screen = transition.screenFields ?? [];
  const values = parseFields(store, screen, input.fields ?? {});
  if (input.update) applyUpdateOps(store, issue, screen, input.update, values);
  const missing: Record<string, string> = {};
  for (const id of transition.requiredFields ?? []) {
    const value = id in values ? values[id] : issue.fields[id];
    if (value === undefined || value === null || value === '')
      missing[id] = `${store.field(id)?.name ?? id} is required.`;
  }
  if (Object.keys(missing).length > 0) throw new JiraError(400, [], missing);
  const items = changeItems(store, issue, values);
  Object.assign(issue.fields, values);
  const from = store.statuses.get(issue.statusId)!;
  const to = store.statuses.get(transition.to)!;
  items.push({
    field: 'status',
    fieldtype: 'jira',
    fieldId: 'status',
    from: from.id,
    fromString: from.name,
    to: to.id,
    toString: to.name,
  });
  if ((from.category === 'done') !== (to.category === 'done')) {
    const done = to.category === 'done';
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: done ? null : '10000',
      fromString: done ? null : 'Done',
      to: done ? '10000' : null,
      toString: done ? 'Done' : null,
    });
    issue.resolutionDate = done ? store.now() : null;
  }
  if (from.category !== to.category) issue.statusCategoryChangeDate = store.now();
  issue.statusId = to.id;
  const history = recordHistory(store, issue, actorId, items);
  store.commit({ type: 'issue_updated', issue, actorId, history });
  return history;
}

export function deleteIssue(store: JiraStore, actorId: string, idOrKey: string): void {
  const issue = store.requireIssue(idOrKey);
  store.removeIssue(issue);
  store.commit({ type: 'issue_deleted', issue, actorId });
}
