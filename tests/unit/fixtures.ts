/** Shared builders for the pure-core unit tests. */
import type {
  JiraIssue,
  JiraStatus,
  JiraTransition,
  SmartConnectedItem,
  SmartConnectedItemInput,
  ZohoRecord,
  ZohoStatus,
} from '../../workflows/core';

export const PORTAL = '2447529000000016001';
export const PROJECT = '2447529000000057001';

export function sciInput(overrides: Partial<SmartConnectedItemInput> = {}): SmartConnectedItemInput {
  return {
    name: 'Engineering tasks',
    mode: 'two_way',
    enabled: true,
    zohoPortalId: PORTAL,
    zohoProjectId: PROJECT,
    zohoModule: 'tasks',
    jiraProjectIds: ['10000'],
    jiraProjectKeys: [],
    jiraIssueTypeId: '10001',
    displayFields: [],
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
    autoCreate: false,
    syncStatus: false,
    syncComments: false,
    syncAttachments: false,
    showAssociations: false,
    rule: null,
    ...overrides,
  };
}

export function sci(overrides: Partial<SmartConnectedItem> = {}): SmartConnectedItem {
  const base = sciInput();
  return {
    ...base,
    id: 'sci-1',
    installationId: 'inst-1',
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'both' }],
    rule: null,
    ...overrides,
  } as SmartConnectedItem;
}

export const jiraStatus = {
  todo: { id: '1', name: 'To Do', category: 'new' },
  inProgress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  review: { id: '4', name: 'In Review', category: 'indeterminate' },
  done: { id: '5', name: 'Done', category: 'done' },
} satisfies Record<string, JiraStatus>;

export function transition(to: JiraStatus, extra: Partial<JiraTransition> = {}): JiraTransition {
  return { id: `t${to.id}`, name: `Move to ${to.name}`, to, ...extra };
}

export const zohoStatus = {
  open: { id: '2447529000000016068', name: 'Open', type: 'open' },
  inProgress: { id: '2447529000000016069', name: 'In Progress', type: 'in_progress' },
  testing: { id: '2447529000000016070', name: 'To be Tested', type: 'in_progress' },
  closed: { id: '2447529000000016071', name: 'Closed', type: 'closed' },
} satisfies Record<string, ZohoStatus>;

export function record(overrides: Partial<ZohoRecord> = {}): ZohoRecord {
  return {
    id: '2447529000000057190',
    module: 'tasks',
    key: 'EZ1-T1',
    name: 'Build ADaaS',
    status: zohoStatus.open,
    modifiedAt: '2026-01-10T10:00:00.000Z',
    fields: {},
    ...overrides,
  };
}

export function issue(overrides: Partial<JiraIssue> = {}): JiraIssue {
  return {
    id: '10042',
    key: 'ENG-42',
    projectId: '10000',
    issueTypeId: '10001',
    status: jiraStatus.todo,
    updated: '2026-01-10T09:00:00.000+0000',
    fields: {},
    ...overrides,
  };
}
