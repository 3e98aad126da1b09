/**
 * The simulated site's state: metadata, issues and their activity, a search index that lags the
 * database by `searchLagMs` (Jira search is eventually consistent), and the change feed that
 * drives events. Writes live in issue-writes.ts and issue-activity.ts.
 */
import type { ValueLookup } from './field-values';
import type {
  JiraSeed,
  SimAttachment,
  SimComment,
  SimFieldDef,
  SimHistory,
  SimIssue,
  SimIssueType,
  SimPriority,
  SimProject,
  SimStatus,
  SimUser,
} from './types';

export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[] = [],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `Jira error ${status}`);
  }

  toBody(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export type ChangeType =
  | 'issue_created'
  | 'issue_updated'
  | 'issue_deleted'
  | 'comment_created'
  | 'comment_updated'
  | 'comment_deleted'
  | 'attachment_created'
  | 'property_set'
  | 'property_deleted';

export interface StoreChange {
  type: ChangeType;
  /** The issue after the change (before it, for deletions): a copy. */
  issue: SimIssue;
  actorId: string;
  at: number;
  history?: SimHistory;
  comment?: SimComment;
  attachment?: Omit<SimAttachment, 'content'>;
  propertyKey?: string;
}

/** What search sees of an issue: a copy taken at change time, visible once `visibleAt` passes. */
interface IndexEntry {
  visibleAt: number;
  doc: SimIssue | null;
}

export interface StoreOptions {
  now?: () => number;
  searchLagMs?: number;
}

export class JiraStore {
  users = new Map<string, SimUser>();
  statuses = new Map<string, SimStatus>();
  issueTypes = new Map<string, SimIssueType>();
  priorities = new Map<string, SimPriority>();
  fields = new Map<string, SimFieldDef>();
  projects = new Map<string, SimProject>();
  issues = new Map<string, SimIssue>();
  attachments = new Map<string, SimAttachment>();
  searchLagMs: number;
  readonly now: () => number;

  private issueKeys = new Map<string, string>();
  private index = new Map<string, IndexEntry[]>();
  private sequences = new Map<string, number>();
  private listeners = new Set<(change: StoreChange) => void>();
  private muted = false;

  constructor(options: StoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.searchLagMs = options.searchLagMs ?? 0;
  }

  /** Replaces all data with the seed's metadata (issues are created by the caller through the write path). */
  loadMetadata(seed: JiraSeed): void {
    this.users = new Map(seed.users.map((u) => [u.accountId, { ...u }]));
    this.statuses = new Map(seed.statuses.map((s) => [s.id, { ...s }]));
    this.issueTypes = new Map(seed.issueTypes.map((t) => [t.id, { ...t }]));
    this.priorities = new Map(seed.priorities.map((p) => [p.id, { ...p }]));
    this.fields = new Map(seed.fields.map((f) => [f.id, structuredClone(f)]));
    this.projects = new Map(seed.projects.map((p) => [p.id, { ...structuredClone(p), nextIssueNumber: 1 }]));
    this.issues.clear();
    this.issueKeys.clear();
    this.attachments.clear();
    this.index.clear();
    this.sequences.clear();
  }

  nextId(kind: 'issue' | 'comment' | 'attachment' | 'history'): string {
    const next = (this.sequences.get(kind) ?? 10000) + 1;
    this.sequences.set(kind, next);
    return String(next);
  }

  project(idOrKey: string | undefined): SimProject | undefined {
    if (!idOrKey) return undefined;
    const upper = idOrKey.toUpperCase();
    return this.projects.get(idOrKey) ?? [...this.projects.values()].find((p) => p.key === upper);
  }

  projectOf(issue: SimIssue): SimProject {
    return this.projects.get(issue.projectId)!;
  }

  issue(idOrKey: string): SimIssue | undefined {
    return this.issues.get(idOrKey) ?? this.issues.get(this.issueKeys.get(idOrKey.toUpperCase()) ?? '');
  }

  /** The issue or Jira's 404. */
  requireIssue(idOrKey: string): SimIssue {
    const issue = this.issue(idOrKey);
    if (!issue) throw new JiraError(404, [ISSUE_NOT_FOUND]);
    return issue;
  }

  issueType(idOrName: { id?: string; name?: string }): SimIssueType | undefined {
    if (idOrName.id) return this.issueTypes.get(String(idOrName.id));
    const name = idOrName.name?.toLowerCase();
    return [...this.issueTypes.values()].find((t) => t.name.toLowerCase() === name);
  }

  statusByName(name: string): SimStatus | undefined {
    const lower = name.toLowerCase();
    return [...this.statuses.values()].find((s) => s.name.toLowerCase() === lower || s.id === name);
  }

  field(id: string): SimFieldDef | undefined {
    return this.fields.get(id);
  }

  readonly values: ValueLookup = {
    user: (accountId) => this.users.get(accountId),
    priority: (ref) =>
      ref.id !== undefined
        ? this.priorities.get(String(ref.id))
        : [...this.priorities.values()].find((p) => p.name.toLowerCase() === String(ref.name ?? '').toLowerCase()),
  };

  insertIssue(issue: SimIssue): void {
    this.issues.set(issue.id, issue);
    this.issueKeys.set(issue.key, issue.id);
  }

  removeIssue(issue: SimIssue): void {
    this.issues.delete(issue.id);
    this.issueKeys.delete(issue.key);
    for (const id of issue.attachmentIds) this.attachments.delete(id);
  }

  /** Records a change: reindexes the issue (visible to search after the lag) and tells listeners. */
  commit(change: Omit<StoreChange, 'at' | 'issue'> & { issue: SimIssue }): void {
    const at = this.now();
    const deleted = change.type === 'issue_deleted';
    const doc = deleted ? null : structuredClone({ ...change.issue, comments: [], histories: [] });
    const entries = this.index.get(change.issue.id) ?? [];
    entries.push({ visibleAt: at + this.searchLagMs, doc });
    this.index.set(change.issue.id, entries);
    if (this.muted) return;
    const snapshot = structuredClone(change.issue);
    for (const listener of this.listeners) listener({ ...change, issue: snapshot, at });
  }

  /** Runs seeding writes without telling listeners (no events for the initial data). */
  silently(fn: () => void): void {
    this.muted = true;
    try {
      fn();
    } finally {
      this.muted = false;
    }
  }

  /** Makes every indexed change visible now (seed data is searchable immediately). */
  settleIndex(): void {
    for (const entries of this.index.values()) for (const entry of entries) entry.visibleAt = 0;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Issues as the search index sees them now (older than the lag). */
  searchableIssues(): SimIssue[] {
    const now = this.now();
    const docs: SimIssue[] = [];
    for (const [id, entries] of this.index) {
      let visible = -1;
      for (let i = 0; i < entries.length; i += 1) if (entries[i].visibleAt <= now) visible = i;
      if (visible > 0) entries.splice(0, visible);
      const doc = visible >= 0 ? entries[0].doc : null;
      if (doc) docs.push(doc);
      else if (visible >= 0 && entries.length === 1 && !doc) this.index.delete(id);
    }
    return docs;
  }

  /** A consistent copy of one issue for search results (reconcileIssues / read-after-write). */
  freshDoc(id: string): SimIssue | undefined {
    const issue = this.issues.get(id);
    return issue ? structuredClone({ ...issue, comments: [], histories: [] }) : undefined;
  }
}
