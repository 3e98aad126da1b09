/**
 * The demo Jira site: OPS "Operations" and ENG "Engineering", Task/Bug/Story, a realistic workflow
 * (To Do → In Progress → In Review → Done, Done → Reopened; not all-to-all; OPS may also resolve
 * straight from In Progress), custom fields incl. "Billing Type" and "Estimate Hours", a few issues.
 */
import type { JiraSeed, SimFieldDef, SimWorkflow } from './types';

export const DEMO_ACCOUNTS = {
  app: '557058:00000000-0000-4000-8000-00000000a99',
  alice: '5b10a2844c20165700ede21g',
  bob: '5b10ac8d82e05b22cc7d4ef5',
  carol: '5b109f2e9729b51b54dc274d',
} as const;

export const DEMO_STATUS = { todo: '10000', inProgress: '3', inReview: '10001', done: '10002', reopened: '4' } as const;
export const DEMO_TRANSITIONS = {
  start: '11',
  review: '21',
  backToProgress: '31',
  done: '41',
  reopen: '51',
  stop: '61',
  resolve: '71',
} as const;
export const DEMO_FIELDS = {
  billingType: 'customfield_10030',
  estimateHours: 'customfield_10031',
  customer: 'customfield_10032',
  goLive: 'customfield_10033',
  accountManager: 'customfield_10034',
  tags: 'customfield_10035',
  notes: 'customfield_10036',
} as const;

const sys = (
  id: string,
  name: string,
  kind: SimFieldDef['kind'],
  type: string,
  extra: Record<string, unknown> = {},
): SimFieldDef => ({
  id,
  name,
  custom: false,
  kind,
  schema: { type, system: id, ...extra },
  clauseNames: [id],
});
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes';
const custom = (
  id: string,
  name: string,
  kind: SimFieldDef['kind'],
  type: string,
  plugin: string,
  extra: Partial<SimFieldDef> = {},
): SimFieldDef => ({
  id,
  name,
  custom: true,
  kind,
  schema: {
    type,
    custom: `${CF}:${plugin}`,
    customId: Number(id.replace('customfield_', '')),
    ...(kind === 'labels' ? { items: 'string' } : {}),
  },
  ...extra,
});

function workflow(name: string, quickResolve: boolean): SimWorkflow {
  const S = DEMO_STATUS;
  const T = DEMO_TRANSITIONS;
  return {
    name,
    initialStatusId: S.todo,
    statusIds: [S.todo, S.inProgress, S.inReview, S.done, S.reopened],
    transitions: [
      { id: T.start, name: 'Start Progress', from: [S.todo, S.reopened], to: S.inProgress },
      { id: T.stop, name: 'Stop Progress', from: [S.inProgress], to: S.todo },
      { id: T.review, name: 'Submit for Review', from: [S.inProgress], to: S.inReview },
      { id: T.backToProgress, name: 'Request Changes', from: [S.inReview], to: S.inProgress },
      { id: T.done, name: 'Done', from: [S.inReview], to: S.done, screenFields: [DEMO_FIELDS.estimateHours] },
      { id: T.reopen, name: 'Reopen', from: [S.done], to: S.reopened },
      ...(quickResolve ? [{ id: T.resolve, name: 'Resolve', from: [S.inProgress], to: S.done }] : []),
    ],
  };
}

const SCREEN = [
  'summary',
  'description',
  'labels',
  'duedate',
  'assignee',
  'reporter',
  'priority',
  ...Object.values(DEMO_FIELDS),
];

const doc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

export function demoSeed(): JiraSeed {
  const A = DEMO_ACCOUNTS;
  const F = DEMO_FIELDS;
  return {
    users: [
      { accountId: A.app, displayName: 'Zoho Projects Connector', accountType: 'app', active: true },
      {
        accountId: A.alice,
        displayName: 'Alice Admin',
        emailAddress: 'alice@example.com',
        accountType: 'atlassian',
        active: true,
        timeZone: 'Europe/Berlin',
        globalPermissions: ['ADMINISTER'],
      },
      {
        accountId: A.bob,
        displayName: 'Bob Builder',
        emailAddress: 'bob@example.com',
        accountType: 'atlassian',
        active: true,
      },
      {
        accountId: A.carol,
        displayName: 'Carol Customer',
        emailAddress: 'carol@example.com',
        accountType: 'atlassian',
        active: true,
      },
    ],
    statuses: [
      { id: DEMO_STATUS.todo, name: 'To Do', category: 'new' },
      {
        id: DEMO_STATUS.inProgress,
        name: 'In Progress',
        category: 'indeterminate',
        description: 'This issue is being actively worked on at the moment by the assignee.',
      },
      { id: DEMO_STATUS.inReview, name: 'In Review', category: 'indeterminate' },
      { id: DEMO_STATUS.done, name: 'Done', category: 'done' },
      {
        id: DEMO_STATUS.reopened,
        name: 'Reopened',
        category: 'new',
        description: 'This issue was once resolved, but the resolution was deemed incorrect.',
      },
    ],
    issueTypes: [
      { id: '10001', name: 'Task', description: 'A small, distinct piece of work.', subtask: false, hierarchyLevel: 0 },
      { id: '10002', name: 'Bug', description: 'A problem or error.', subtask: false, hierarchyLevel: 0 },
      { id: '10003', name: 'Story', description: 'A user story.', subtask: false, hierarchyLevel: 0 },
    ],
    priorities: [
      { id: '1', name: 'Highest' },
      { id: '2', name: 'High' },
      { id: '3', name: 'Medium' },
      { id: '4', name: 'Low' },
      { id: '5', name: 'Lowest' },
    ],
    fields: [
      sys('summary', 'Summary', 'text', 'string'),
      sys('description', 'Description', 'richtext', 'string'),
      sys('labels', 'Labels', 'labels', 'array', { items: 'string' }),
      sys('duedate', 'Due date', 'date', 'date'),
      sys('assignee', 'Assignee', 'user', 'user'),
      sys('reporter', 'Reporter', 'user', 'user'),
      sys('priority', 'Priority', 'priority', 'priority'),
      sys('issuetype', 'Issue Type', 'readonly', 'issuetype'),
      sys('project', 'Project', 'readonly', 'project'),
      sys('status', 'Status', 'readonly', 'status'),
      sys('created', 'Created', 'readonly', 'datetime'),
      sys('updated', 'Updated', 'readonly', 'datetime'),
      sys('creator', 'Creator', 'readonly', 'user'),
      sys('resolution', 'Resolution', 'readonly', 'resolution'),
      sys('resolutiondate', 'Resolved', 'readonly', 'datetime'),
      sys('comment', 'Comment', 'readonly', 'comments-page'),
      sys('attachment', 'Attachment', 'readonly', 'array', { items: 'attachment' }),
      custom(F.billingType, 'Billing Type', 'select', 'option', 'select', {
        options: [
          { id: '10100', value: 'Billable' },
          { id: '10101', value: 'Non-billable' },
        ],
      }),
      custom(F.estimateHours, 'Estimate Hours', 'number', 'number', 'float'),
      custom(F.customer, 'Customer', 'text', 'string', 'textfield'),
      custom(F.goLive, 'Go-live Date', 'date', 'date', 'datepicker'),
      custom(F.accountManager, 'Account Manager', 'user', 'user', 'userpicker'),
      custom(F.tags, 'Client Tags', 'labels', 'array', 'labels'),
      custom(F.notes, 'Acceptance Notes', 'richtext', 'string', 'textarea'),
    ],
    projects: [
      {
        id: '10000',
        key: 'OPS',
        name: 'Operations',
        projectTypeKey: 'business',
        leadAccountId: A.alice,
        issueTypeIds: ['10001', '10002', '10003'],
        workflow: workflow('OPS Workflow', true),
        fieldIds: SCREEN,
      },
      {
        id: '10001',
        key: 'ENG',
        name: 'Engineering',
        projectTypeKey: 'software',
        leadAccountId: A.bob,
        issueTypeIds: ['10001', '10002', '10003'],
        workflow: workflow('ENG Workflow', false),
        fieldIds: SCREEN,
      },
    ],
    issues: [
      {
        projectKey: 'OPS',
        issueType: 'Task',
        reporterId: A.alice,
        fields: {
          summary: 'Renew the TLS certificates',
          description: doc('The certificates expire at month end.'),
          labels: ['security'],
          [F.billingType]: { value: 'Non-billable' },
          [F.estimateHours]: 3,
          priority: { name: 'High' },
        },
        comments: [{ authorId: A.bob, text: 'I can take this on Thursday.' }],
      },
      {
        projectKey: 'OPS',
        issueType: 'Bug',
        reporterId: A.carol,
        status: 'In Progress',
        fields: {
          summary: 'Invoice export times out',
          description: doc('Exports over 5,000 rows never finish.'),
          [F.billingType]: { value: 'Billable' },
          [F.estimateHours]: 8,
          [F.customer]: 'Acme GmbH',
          assignee: { accountId: A.bob },
        },
        comments: [
          { authorId: A.carol, text: 'Still failing for March.' },
          { authorId: A.bob, text: 'Reproduced; looking into the query plan.' },
        ],
      },
      {
        projectKey: 'ENG',
        issueType: 'Story',
        reporterId: A.bob,
        fields: {
          summary: 'Customer portal: single sign-on',
          description: doc('Support SAML for enterprise customers.'),
          [F.billingType]: { value: 'Billable' },
          [F.estimateHours]: 40,
          [F.goLive]: '2026-12-15',
          [F.accountManager]: { accountId: A.alice },
        },
      },
      {
        projectKey: 'ENG',
        issueType: 'Bug',
        reporterId: A.alice,
        status: 'Done',
        fields: {
          summary: 'Typo on the pricing page',
          labels: ['website', 'quick-win'],
          [F.billingType]: { value: 'Non-billable' },
        },
        comments: [{ authorId: A.alice, text: 'Fixed in the last deploy.' }],
      },
    ],
  };
}

/** Default credentials of the demo site (tests usually pass their own). */
export const DEMO_TOKENS: Record<string, string> = {
  'sim-system-token': DEMO_ACCOUNTS.app,
  'sim-user-token': DEMO_ACCOUNTS.alice,
};
export const DEMO_API_TOKENS: Record<string, string> = { 'alice@example.com': 'sim-api-token' };
