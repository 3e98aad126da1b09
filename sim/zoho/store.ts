import { SimClock } from './clock';
import type { ZohoSimConfig } from './config';
import { ZohoIdGenerator } from './ids';
import { ItemList } from './item-list';
import type {
  Json,
  ZohoAttachment,
  ZohoClient,
  ZohoFieldDef,
  ZohoItem,
  ZohoModule,
  ZohoPortal,
  ZohoProject,
  ZohoStatus,
  ZohoUser,
} from './model';

/** Everything the simulated Zoho tenant holds. Routes and the control API both work on this. */
export class ZohoSimState {
  readonly ids = new ZohoIdGenerator();
  readonly portals = new Map<string, ZohoPortal>();
  readonly projects = new Map<string, ZohoProject & { portalId: string }>();
  readonly users = new Map<string, ZohoUser>(); // by zpuid
  readonly clients = new Map<string, ZohoClient>();
  readonly items = new Map<string, ZohoItem>();
  readonly attachments = new Map<string, ZohoAttachment>();
  readonly statuses: Record<ZohoModule, ZohoStatus[]> = { tasks: [], issues: [] };
  readonly fields: Record<ZohoModule, ZohoFieldDef[]> = { tasks: [], issues: [] };
  readonly layouts: Record<ZohoModule, { id: string; name: string }[]> = { tasks: [], issues: [] };
  severities: { id: string; value: string }[] = [];
  private readonly lists = new Map<string, ItemList>();
  /** Observers of record changes (the control API's onRecordChange; benches wait on them instead of polling). */
  readonly changeListeners = new Set<(item: ZohoItem) => void>();

  constructor(
    readonly clock: SimClock,
    readonly config: ZohoSimConfig,
  ) {}

  /** Forget all data (clients included); the clock and config stay. */
  clear(): void {
    for (const m of [this.portals, this.projects, this.users, this.clients, this.items, this.attachments, this.lists])
      m.clear();
    this.statuses.tasks = [];
    this.statuses.issues = [];
    this.fields.tasks = [];
    this.fields.issues = [];
    this.layouts.tasks = [];
    this.layouts.issues = [];
    this.severities = [];
  }

  list(projectId: string, module: ZohoModule): ItemList {
    const key = `${projectId}:${module}`;
    let list = this.lists.get(key);
    if (!list) {
      list = new ItemList();
      this.lists.set(key, list);
    }
    return list;
  }

  project(portalId: string, projectId: string): (ZohoProject & { portalId: string }) | undefined {
    const p = this.projects.get(projectId);
    return p && p.portalId === portalId ? p : undefined;
  }

  projectsOf(portalId: string): (ZohoProject & { portalId: string })[] {
    return [...this.projects.values()].filter((p) => p.portalId === portalId);
  }

  item(projectId: string, module: ZohoModule, id: string): ZohoItem | undefined {
    const it = this.items.get(id);
    return it && it.projectId === projectId && it.module === module ? it : undefined;
  }

  insertItem(item: ZohoItem): void {
    this.items.set(item.id, item);
    this.list(item.projectId, item.module).add(item);
  }

  deleteItem(item: ZohoItem): void {
    this.items.delete(item.id);
    this.list(item.projectId, item.module).remove(item.id);
    for (const a of item.attachmentIds) this.attachments.delete(a);
    for (const other of item.associatedIds ?? []) {
      const o = this.items.get(other);
      if (o?.associatedIds) o.associatedIds = o.associatedIds.filter((x) => x !== item.id);
    }
  }

  /** Record a change: last_modified_time moves to now (ISO ms, Z). */
  touch(item: ZohoItem, atMs = this.clock.now()): void {
    item.modifiedMs = atMs;
    item.json.last_modified_time = new Date(atMs).toISOString();
    this.list(item.projectId, item.module).touch();
    for (const listener of this.changeListeners) listener(item);
  }

  userByZpuid(zpuid: string): ZohoUser | undefined {
    return this.users.get(zpuid);
  }

  userByZuid(zuid: string): ZohoUser | undefined {
    for (const u of this.users.values()) if (u.zuid === zuid) return u;
    return undefined;
  }

  /** Look a user up by zpuid, zuid or email (the API accepts zpuid; the control API is lenient). */
  findUser(ref: string): ZohoUser | undefined {
    return this.userByZpuid(ref) ?? this.userByZuid(ref) ?? [...this.users.values()].find((u) => u.email === ref);
  }

  status(module: ZohoModule, idOrName: string): ZohoStatus | undefined {
    const lower = idOrName.toLowerCase();
    return this.statuses[module].find((s) => s.id === idOrName || s.name.toLowerCase() === lower);
  }

  field(module: ZohoModule, apiName: string): ZohoFieldDef | undefined {
    return this.fields[module].find((f) => f.api_name === apiName);
  }
}

/** The `{zpuid, zuid, name, email}` reference V3 puts in owners, assignee, created_by. */
export function userRef(u: ZohoUser): Json {
  return { zpuid: u.zpuid, zuid: u.zuid, name: u.name, email: u.email };
}

export function statusRef(s: ZohoStatus): Json {
  return {
    id: s.id,
    name: s.name,
    color: s.color,
    color_hexcode: s.color_hexcode,
    is_closed_type: s.is_closed_type,
    type: s.type,
  };
}
