/** Renders the simulator's data in Jira REST v3 shapes (self links point at the simulator). */
import { renderFieldValue, type FieldLookup } from './field-values';
import type { JiraStore } from './store';
import type {
  SimAttachment,
  SimComment,
  SimFieldDef,
  SimHistory,
  SimIssue,
  SimIssueType,
  SimPriority,
  SimProject,
  SimStatus,
  SimTransition,
  SimUser,
  StatusCategoryKey,
} from './types';

/** Jira's timestamp format: 2024-01-15T10:20:30.123+0000. */
export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const CATEGORIES: Record<StatusCategoryKey, { id: number; colorName: string; name: string }> = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
};

export class JiraRenderer {
  readonly lookup: FieldLookup;

  constructor(
    private readonly store: JiraStore,
    readonly baseUrl: () => string,
  ) {
    this.lookup = {
      ...store.values,
      renderUser: (u) => this.user(u),
      renderPriority: (p) => this.priority(p),
      optionSelf: (_fieldId, optionId) => `${this.baseUrl()}/rest/api/3/customFieldOption/${optionId}`,
    };
  }

  avatars(kind: string, id: string): Record<string, string> {
    const url = `${this.baseUrl()}/_sim/avatar/${kind}/${id}`;
    return { '48x48': url, '24x24': url, '16x16': url, '32x32': url };
  }

  user(u: SimUser): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/user?accountId=${u.accountId}`,
      accountId: u.accountId,
      accountType: u.accountType,
      active: u.active,
      displayName: u.displayName,
      ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}),
      avatarUrls: this.avatars('user', u.accountId),
      timeZone: u.timeZone ?? 'Etc/UTC',
    };
  }

  userById(accountId: string): Record<string, unknown> | null {
    const u = this.store.users.get(accountId);
    return u ? this.user(u) : null;
  }

  priority(p: SimPriority): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/priority/${p.id}`,
      iconUrl: `${this.baseUrl()}/_sim/icon/priority/${p.id}`,
      name: p.name,
      id: p.id,
    };
  }

  statusCategory(key: StatusCategoryKey): Record<string, unknown> {
    const c = CATEGORIES[key];
    return {
      self: `${this.baseUrl()}/rest/api/3/statuscategory/${c.id}`,
      id: c.id,
      key,
      colorName: c.colorName,
      name: c.name,
    };
  }

  status(s: SimStatus): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/status/${s.id}`,
      description: s.description ?? '',
      iconUrl: `${this.baseUrl()}/_sim/icon/status/${s.id}`,
      name: s.name,
      untranslatedName: s.name,
      id: s.id,
      statusCategory: this.statusCategory(s.category),
    };
  }

  issueType(t: SimIssueType): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      description: t.description ?? '',
      iconUrl: `${this.baseUrl()}/_sim/icon/issuetype/${t.id}`,
      name: t.name,
      untranslatedName: t.name,
      subtask: t.subtask,
      avatarId: Number(t.id),
      hierarchyLevel: t.hierarchyLevel,
    };
  }

  project(p: SimProject, full = false): Record<string, unknown> {
    const summary = {
      self: `${this.baseUrl()}/rest/api/3/project/${p.id}`,
      id: p.id,
      key: p.key,
      name: p.name,
      avatarUrls: this.avatars('project', p.id),
      projectTypeKey: p.projectTypeKey,
      simplified: false,
    };
    if (!full) return summary;
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...summary,
      description: '',
      lead: this.userById(p.leadAccountId),
      style: 'classic',
      isPrivate: false,
      properties: {},
      issueTypes: p.issueTypeIds.map((id) => this.issueType(this.store.issueTypes.get(id)!)),
      assigneeType: 'UNASSIGNED',
      components: [],
      versions: [],
      roles: {},
    };
  }

  field(f: SimFieldDef): Record<string, unknown> {
    return {
      id: f.id,
      key: f.key ?? f.id,
      name: f.name,
      untranslatedName: f.name,
      custom: f.custom,
      orderable: f.orderable ?? true,
      navigable: f.navigable ?? true,
      searchable: f.searchable ?? true,
      clauseNames: f.clauseNames ?? (f.custom ? [f.id, `cf[${f.id.replace('customfield_', '')}]`, f.name] : [f.id]),
      schema: f.schema,
    };
  }

  comment(c: SimComment): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/issue/${c.issueId}/comment/${c.id}`,
      id: c.id,
      author: this.userById(c.authorId),
      body: c.body,
      updateAuthor: this.userById(c.updateAuthorId),
      created: jiraDate(c.created),
      updated: jiraDate(c.updated),
      jsdPublic: true,
    };
  }

  attachment(a: SimAttachment | Omit<SimAttachment, 'content'>): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/attachment/${a.id}`,
      id: a.id,
      filename: a.filename,
      author: this.userById(a.authorId),
      created: jiraDate(a.created),
      size: a.size,
      mimeType: a.mimeType,
      content: `${this.baseUrl()}/rest/api/3/attachment/content/${a.id}`,
    };
  }

  history(h: SimHistory): Record<string, unknown> {
    return { id: h.id, author: this.userById(h.authorId), created: jiraDate(h.created), items: h.items };
  }

  transition(t: SimTransition, project: SimProject, withFields: boolean): Record<string, unknown> {
    const to = this.store.statuses.get(t.to)!;
    const out: Record<string, unknown> = {
      id: t.id,
      name: t.name,
      to: this.status(to),
      hasScreen: (t.screenFields ?? []).length > 0,
      isGlobal: t.from.length === 0,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    };
    if (withFields) out.fields = this.fieldMetadata(t.screenFields ?? [], project, t.requiredFields ?? []);
    return out;
  }

  /** createmeta / transitions.fields style field metadata keyed by field id. */
  fieldMetadata(
    fieldIds: string[],
    project: SimProject,
    requiredHere: string[] = [],
  ): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const id of fieldIds) {
      const f = this.store.field(id);
      if (!f) continue;
      const meta: Record<string, unknown> = {
        required: id === 'summary' || (project.requiredFieldIds ?? []).includes(id) || requiredHere.includes(id),
        schema: f.schema,
        name: f.name,
        key: f.key ?? f.id,
        fieldId: f.id,
        hasDefaultValue: false,
        operations: f.kind === 'labels' ? ['add', 'set', 'remove'] : ['set'],
      };
      if (f.kind === 'select')
        meta.allowedValues = (f.options ?? [])
          .filter((o) => !o.disabled)
          .map((o) => ({ self: this.lookup.optionSelf(f.id, o.id), value: o.value, id: o.id }));
      if (f.kind === 'priority') meta.allowedValues = [...this.store.priorities.values()].map((p) => this.priority(p));
      out[id] = meta;
    }
    return out;
  }

  /** Every field value of an issue, by id (filtered by the caller). */
  issueFields(issue: SimIssue): Record<string, unknown> {
    const project = this.store.projectOf(issue);
    const status = this.store.statuses.get(issue.statusId)!;
    const done = status.category === 'done';
    const out: Record<string, unknown> = {
      issuetype: this.issueType(this.store.issueTypes.get(issue.issueTypeId)!),
      project: this.project(project),
      status: this.status(status),
      statusCategory: this.statusCategory(status.category),
      created: jiraDate(issue.created),
      updated: jiraDate(issue.updated),
      creator: this.userById(issue.creatorId),
      reporter: this.userById(issue.reporterId),
      resolution: done
        ? {
            self: `${this.baseUrl()}/rest/api/3/resolution/10000`,
            id: '10000',
            name: 'Done',
            description: 'Work has been completed.',
          }
        : null,
      resolutiondate: issue.resolutionDate ? jiraDate(issue.resolutionDate) : null,
      statuscategorychangedate: jiraDate(issue.statusCategoryChangeDate),
      comment: {
        comments: issue.comments.map((c) => this.comment(c)),
        self: `${this.baseUrl()}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0,
      },
      attachment: issue.attachmentIds
        .map((id) => this.store.attachments.get(id))
        .filter((a) => a)
        .map((a) => this.attachment(a!)),
    };
    for (const id of project.fieldIds) {
      const def = this.store.field(id);
      if (!def || id === 'reporter') continue;
      out[id] = renderFieldValue(def, issue.fields[id], this.lookup);
    }
    return out;
  }

  /** Applies Jira's `fields` selector (`*all`, `*navigable`, names, `-name`) to an issue's fields. */
  selectFields(all: Record<string, unknown>, selectors: string[]): Record<string, unknown> | undefined {
    const tokens = selectors
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    let include = new Set<string>();
    for (const t of tokens) {
      if (t === '*all' || t === '*navigable') include = new Set([...include, ...Object.keys(all)]);
      else if (!t.startsWith('-') && t !== 'id' && t !== 'key') include.add(t);
    }
    for (const t of tokens) if (t.startsWith('-')) include.delete(t.slice(1));
    if (include.size === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of include) if (k in all) out[k] = all[k];
    return out;
  }

  issue(
    issue: SimIssue,
    options: { fields?: string[]; expand?: string; properties?: string[] } = {},
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${this.baseUrl()}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
    };
    const fields = this.selectFields(this.issueFields(issue), options.fields ?? ['*all']);
    if (fields) out.fields = fields;
    const wanted = (options.properties ?? []).flatMap((p) => p.split(',')).filter(Boolean);
    if (wanted.length > 0) {
      const props: Record<string, unknown> = {};
      for (const key of Object.keys(issue.properties))
        if (wanted.includes('*all') || wanted.includes(key)) props[key] = issue.properties[key];
      out.properties = props;
    }
    if ((options.expand ?? '').split(',').includes('changelog')) {
      const histories = [...issue.histories].reverse().map((h) => this.history(h));
      out.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
    }
    return out;
  }
}
