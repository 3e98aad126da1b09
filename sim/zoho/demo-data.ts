import { V3Error } from './errors';
import { addComment, associateAttachments, setFollowers, storeUpload } from './item-actions';
import type { Json, ZohoFieldDef, ZohoItem, ZohoModule, ZohoStatus, ZohoUser } from './model';
import { createItem } from './records';
import type { ZohoSimState } from './store';

/** Demo tenant: portal "acme", three users, metadata, a Self Client, two projects with records. */
export const DEMO_PORTAL_ID = '60012345678';
export const DEMO_PORTAL_NAME = 'acme';
export const DEMO_CLIENT_ID = '1000.DEMOCLIENT7Q2ZK4M9X1V8B3N6P5';
export const DEMO_CLIENT_SECRET = 'demo0secret0b1f4c9e27d8a35f6e0c1d2b3a4f5e6d7c8';
export const DEMO_PROJECT_IDS = { website: '2447529000000057070', mobile: '2447529000000058070' } as const;

export const DEMO_USERS: ZohoUser[] = [
  {
    zuid: '869457870',
    zpuid: '2447529000000054003',
    name: 'Alex Example',
    first_name: 'Alex',
    last_name: 'Example',
    email: 'alex@example.com',
    role: 'admin',
  },
  {
    zuid: '869454928',
    zpuid: '2447529000000057248',
    name: 'Priya Raman',
    first_name: 'Priya',
    last_name: 'Raman',
    email: 'priya@example.com',
    role: 'manager',
  },
  {
    zuid: '871146308',
    zpuid: '2447529000000057254',
    name: 'Sam Lee',
    first_name: 'Sam',
    last_name: 'Lee',
    email: 'sam@example.com',
    role: 'employee',
  },
];

const st = (id: string, name: string, hex: string, type: ZohoStatus['type']): ZohoStatus => ({
  id,
  name,
  color: hex,
  color_hexcode: hex,
  is_closed_type: type === 'closed',
  type,
});

const BILLING_TYPE = (id: string): ZohoFieldDef => ({
  id,
  api_name: 'billing_type',
  display_name: 'Billing Type',
  column_type: 'picklist',
  is_custom_field: true,
  is_mandatory: false,
  options: [
    { id: `${id.slice(0, -2)}01`, value: 'none', display_value: 'None' },
    { id: `${id.slice(0, -2)}02`, value: 'billable', display_value: 'Billable' },
    { id: `${id.slice(0, -2)}03`, value: 'non_billable', display_value: 'Non Billable' },
  ],
});

const builtin = (
  id: string,
  api_name: string,
  display_name: string,
  column_type: ZohoFieldDef['column_type'],
  is_mandatory = false,
): ZohoFieldDef => ({ id, api_name, display_name, column_type, is_custom_field: false, is_mandatory });

/** Portal, users, statuses, fields, layouts and the demo Self Client (no projects). */
export function seedTenant(state: ZohoSimState): void {
  state.portals.set(DEMO_PORTAL_ID, { id: DEMO_PORTAL_ID, name: DEMO_PORTAL_NAME, orgName: 'Acme Corp' });
  for (const u of DEMO_USERS) state.users.set(u.zpuid, { ...u });
  state.clients.set(DEMO_CLIENT_ID, {
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    userZuid: DEMO_USERS[0].zuid,
  });
  state.statuses.tasks = [
    st('2447529000000016068', 'Open', '#74cb80', 'open'),
    st('2447529000000016071', 'In Progress', '#08aeea', 'inprogress'),
    st('2447529000000016074', 'In Review', '#f6a623', 'inprogress'),
    st('2447529000000016077', 'Closed', '#a2a2a2', 'closed'),
  ];
  state.statuses.issues = [
    st('2447529000000054087', 'Open', '#2cc8ba', 'open'),
    st('2447529000000054090', 'In progress', '#08aeea', 'inprogress'),
    st('2447529000000054093', 'To be tested', '#f6a623', 'inprogress'),
    st('2447529000000054096', 'Closed', '#a2a2a2', 'closed'),
    st('2447529000000054099', 'Reopen', '#e95f5f', 'open'),
  ];
  state.severities = [
    { id: '2447529000000054197', value: 'None' },
    { id: '2447529000000054198', value: 'Minor' },
    { id: '2447529000000054199', value: 'Major' },
    { id: '2447529000000054200', value: 'Critical' },
  ];
  state.layouts.tasks = [{ id: '2447529000000030001', name: 'Standard Layout' }];
  state.layouts.issues = [{ id: '2447529000000030002', name: 'Standard Layout' }];
  const common = (base: number): ZohoFieldDef[] => [
    builtin(`24475290000000${base + 1}`, 'name', 'Name', 'text', true),
    builtin(`24475290000000${base + 2}`, 'description', 'Description', 'multiline'),
    builtin(`24475290000000${base + 3}`, 'status', 'Status', 'picklist'),
  ];
  const customerRef = (id: string): ZohoFieldDef => ({
    id,
    api_name: 'customer_reference',
    display_name: 'Customer Reference',
    column_type: 'text',
    is_custom_field: true,
    is_mandatory: false,
  });
  state.fields.tasks = [
    ...common(31000),
    builtin('2447529000000031004', 'priority', 'Priority', 'picklist'),
    builtin('2447529000000031005', 'owners_and_work', 'Owner', 'user'),
    builtin('2447529000000031006', 'start_date', 'Start Date', 'date'),
    builtin('2447529000000031007', 'end_date', 'Due Date', 'date'),
    builtin('2447529000000031008', 'completion_percentage', '% Completed', 'number'),
    BILLING_TYPE('2447529000000031100'),
    customerRef('2447529000000031009'),
    {
      id: '2447529000000031010',
      api_name: 'reviewer',
      display_name: 'Reviewer',
      column_type: 'user',
      is_custom_field: true,
      is_mandatory: false,
    },
  ];
  state.fields.issues = [
    ...common(32000),
    builtin('2447529000000032004', 'assignee', 'Assignee', 'user'),
    builtin('2447529000000032005', 'severity', 'Severity', 'picklist'),
    builtin('2447529000000032006', 'due_date', 'Due Date', 'date'),
    builtin('2447529000000032007', 'flag', 'Flag', 'picklist'),
    BILLING_TYPE('2447529000000032100'),
    customerRef('2447529000000032009'),
  ];
}

export function addProject(
  state: ZohoSimState,
  p: { id?: string; name: string; prefix: string; portalId?: string; createdMs?: number },
): string {
  const id = p.id ?? state.ids.id();
  const tl = { id: state.ids.id(), name: 'General' };
  const iso = new Date(p.createdMs ?? state.clock.now()).toISOString();
  const owner = DEMO_USERS[0];
  const milestones: Json[] = [
    {
      id: state.ids.id(),
      name: 'Beta',
      status: 'active',
      start_date: iso,
      end_date: null,
      owner: { zpuid: owner.zpuid, name: owner.name },
    },
    {
      id: state.ids.id(),
      name: 'GA',
      status: 'notcompleted',
      start_date: iso,
      end_date: null,
      owner: { zpuid: owner.zpuid, name: owner.name },
    },
  ];
  state.projects.set(id, {
    id,
    prefix: p.prefix,
    portalId: p.portalId ?? DEMO_PORTAL_ID,
    json: {
      id,
      name: p.name,
      prefix: p.prefix,
      status: 'active',
      owner: { zpuid: owner.zpuid, zuid: owner.zuid, name: owner.name, email: owner.email },
      created_time: iso,
    },
    counters: { tasks: 0, issues: 0 },
    tasklists: [tl],
    milestones,
    timelogs: [],
  });
  return id;
}

export interface SeedItemsOptions {
  projectId: string;
  count: number;
  module?: ZohoModule;
  /** Created time of the first item (default: now - count seconds); each next one is stepMs later. */
  startMs?: number;
  stepMs?: number;
  namePrefix?: string;
}

/** Fast bulk seeding (benchmarks: 10 000 tasks). Returns the new ids in creation order. */
export function seedItems(state: ZohoSimState, o: SeedItemsOptions): string[] {
  const project = state.projects.get(o.projectId);
  if (!project) throw new Error(`unknown project ${o.projectId}`);
  const module = o.module ?? 'tasks';
  const step = o.stepMs ?? 1000;
  const start = o.startMs ?? state.clock.now() - o.count * step;
  const creator = DEMO_USERS[0];
  const ids: string[] = [];
  for (let i = 0; i < o.count; i++) {
    const item = createItem(
      state,
      project,
      module,
      { name: `${o.namePrefix ?? (module === 'tasks' ? 'Task' : 'Issue')} ${project.counters[module] + 1}` },
      { creator, atMs: start + i * step },
    );
    if (item instanceof V3Error) throw item;
    ids.push(item.id);
  }
  return ids;
}

/** The full demo dataset. */
export function loadDemoData(state: ZohoSimState): void {
  seedTenant(state);
  const now = state.clock.now();
  const day = 86_400_000;
  const [alex, priya, sam] = DEMO_USERS;
  const projects = [
    {
      id: addProject(state, {
        id: DEMO_PROJECT_IDS.website,
        name: 'Website Relaunch',
        prefix: 'EZ1',
        createdMs: now - 30 * day,
      }),
      tag: 'Website',
    },
    {
      id: addProject(state, {
        id: DEMO_PROJECT_IDS.mobile,
        name: 'Mobile App',
        prefix: 'TC3',
        createdMs: now - 20 * day,
      }),
      tag: 'Mobile',
    },
  ];
  for (const [pi, { id, tag }] of projects.entries()) {
    const project = state.projects.get(id)!;
    const ts = state.statuses.tasks;
    const is = state.statuses.issues;
    const tasks: Json[] = [
      {
        name: `${tag}: design landing page`,
        description: '<div>Hero, pricing and signup sections.</div>',
        priority: 'high',
        status: { id: ts[1].id },
        owners_and_work: { owners: [{ zpuid: priya.zpuid }] },
        billing_type: 'billable',
        start_date: '2026-01-05',
        end_date: '2026-01-20',
      },
      {
        name: `${tag}: set up CI pipeline`,
        priority: 'medium',
        owners_and_work: { owners: [{ zpuid: sam.zpuid }] },
        billing_type: 'non_billable',
        customer_reference: 'ACME-17',
      },
      {
        name: `${tag}: write release notes`,
        priority: 'low',
        status: { id: ts[3].id },
        owners_and_work: { owners: [{ zpuid: alex.zpuid }] },
        billing_type: 'billable',
      },
      {
        name: `${tag}: accessibility audit`,
        status: { id: ts[2].id },
        owners_and_work: { owners: [{ zpuid: priya.zpuid }, { zpuid: sam.zpuid }] },
        milestone: { id: project.milestones[0].id },
        reviewer: [{ zpuid: alex.zpuid }],
      },
      { name: `${tag}: performance budget`, priority: 'medium' },
      { name: `${tag}: analytics events`, billing_type: 'billable', milestone: { id: project.milestones[1].id } },
    ];
    const issues: Json[] = [
      {
        name: `${tag}: login button misaligned on Safari`,
        description: '<div>Steps: open login on Safari 17.</div>',
        severity: { id: state.severities[1].id },
        assignee: { zpuid: sam.zpuid },
        billing_type: 'billable',
      },
      {
        name: `${tag}: crash when uploading large avatar`,
        severity: { id: state.severities[3].id },
        status: { id: is[1].id },
        assignee: { zpuid: priya.zpuid },
        billing_type: 'non_billable',
      },
      { name: `${tag}: typo in footer`, status: { id: is[3].id }, flag: 'external' },
      { name: `${tag}: slow search results`, severity: { id: state.severities[2].id }, due_date: '2026-02-01' },
    ];
    const created = [
      ...tasks.map((b, i) => ({ module: 'tasks' as const, b, at: now - (10 - i) * day - pi * 3_600_000 })),
      ...issues.map((b, i) => ({ module: 'issues' as const, b, at: now - (8 - i) * day - pi * 3_600_000 })),
    ];
    const items: ZohoItem[] = [];
    for (const [n, c] of created.entries()) {
      const item = createItem(state, project, c.module, c.b, { creator: alex, atMs: c.at });
      if (item instanceof Error) throw item;
      items.push(item);
      if (n % 2 === 0) addComment(state, item, `<div>Kick-off note for ${String(item.json.prefix)}.</div>`, priya);
      if (n % 3 === 0) {
        const att = storeUpload(state, {
          name: `spec-${String(item.json.prefix)}.txt`,
          contentType: 'text/plain',
          content: Buffer.from(`Spec for ${String(item.json.name)}\n`),
          uploader: alex,
        });
        associateAttachments(state, item, [att.id]);
      }
      if (n % 2 === 1) setFollowers(state, item, [sam.zpuid], true);
      // Demo history sits in the past: restore the intended modified time.
      state.touch(item, c.at + 3_600_000);
    }
    // Task ↔ issue associations (set directly: demo history keeps its modified times).
    const [landing, ci] = items;
    const [loginBug, crashBug] = items.slice(tasks.length);
    landing.associatedIds = [loginBug.id, crashBug.id];
    ci.associatedIds = [crashBug.id];
    loginBug.associatedIds = [landing.id];
    crashBug.associatedIds = [landing.id, ci.id];
    project.timelogs = [
      {
        id: state.ids.id(),
        date: '2026-01-06',
        hours: '02:30',
        owner: { zpuid: priya.zpuid, name: priya.name },
        notes: 'Design review',
      },
    ];
  }
}
