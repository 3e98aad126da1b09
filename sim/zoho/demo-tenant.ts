import type { ZohoFieldDef, ZohoStatus, ZohoUser } from './model';
import type { ZohoSimState } from './store';

/** Demo tenant: portal "acme", three users, statuses, fields, layouts and a Self Client (no projects). */
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
