/** Typed calls of the admin page API (route table: server/contract/admin.ts). */
import {
  ADMIN_ROUTES,
  type ConnectionSummary,
  type DataCenterId,
  type Item,
  type SaveConnectionBody,
} from '../../server/contract/admin';
import type { SmartConnectedItemInput, ZohoModule } from '../../workflows/core/model';
import { asList } from '../shared/format';
import { callApi, routeMethod, routePath } from '../shared/transport';

type Route = (typeof ADMIN_ROUTES)[keyof typeof ADMIN_ROUTES];

function call<T>(route: Route, params?: Record<string, string>, body?: object): Promise<T> {
  return callApi<T>('admin', routeMethod(route), routePath(route, params), body);
}
async function list<T>(route: Route, params: Record<string, string> | undefined, ...keys: string[]): Promise<T[]> {
  return asList<T>(await call<unknown>(route, params), ...keys);
}

export interface Named {
  id: string;
  name: string;
}
export interface ZohoModuleInfo {
  id: ZohoModule;
  name: string;
  synchronizable: boolean;
  autoCreate: boolean;
  statusSync: boolean;
  commentSync: boolean;
  attachmentSync: boolean;
}
export interface Option {
  id: string;
  value: string;
}
export interface ZohoFieldInfo {
  id: string;
  name: string;
  type: string;
  custom: boolean;
  writable: boolean;
  options?: Option[];
}
export interface JiraProject {
  id: string;
  key: string;
  name: string;
}
export interface JiraFieldInfo {
  id: string;
  name: string;
  type: string;
  custom: boolean;
  required?: boolean;
  allowedValues?: Option[];
}
export interface JiraStatusInfo {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}
export interface AdminStatus {
  installationId: string;
  jiraTokenValid: boolean;
  jiraTokenMessage: string | null;
  temporalWebUrl: string;
}

export const DATA_CENTER_NAMES: Record<DataCenterId, string> = {
  us: 'United States',
  eu: 'Europe',
  in: 'India',
  au: 'Australia',
  jp: 'Japan',
  cn: 'China',
  uk: 'United Kingdom',
  ca: 'Canada',
  sa: 'Saudi Arabia',
};

export const adminApi = {
  connection: () => call<ConnectionSummary>(ADMIN_ROUTES.connection),
  saveConnection: (body: SaveConnectionBody) => call<ConnectionSummary>(ADMIN_ROUTES.saveConnection, undefined, body),
  revokeConnection: () => call<unknown>(ADMIN_ROUTES.revokeConnection),
  status: () => call<AdminStatus>(ADMIN_ROUTES.status),

  zohoPortals: () => list<Named>(ADMIN_ROUTES.zohoPortals, undefined, 'portals', 'items'),
  zohoProjects: (portalId: string) => list<Named>(ADMIN_ROUTES.zohoProjects, { portalId }, 'projects', 'items'),
  zohoModules: (portalId: string, projectId: string) =>
    list<ZohoModuleInfo>(ADMIN_ROUTES.zohoModules, { portalId, projectId }, 'modules', 'items'),
  zohoFields: (portalId: string, projectId: string, module: string) =>
    list<ZohoFieldInfo>(ADMIN_ROUTES.zohoFields, { portalId, projectId, module }, 'fields', 'items'),
  jiraProjects: () => list<JiraProject>(ADMIN_ROUTES.jiraProjects, undefined, 'projects', 'items'),
  jiraIssueTypes: (projectId: string) => list<Named>(ADMIN_ROUTES.jiraIssueTypes, { projectId }, 'issueTypes', 'items'),
  jiraFields: (projectId: string, issueTypeId: string) =>
    list<JiraFieldInfo>(ADMIN_ROUTES.jiraFields, { projectId, issueTypeId }, 'fields', 'items'),
  jiraStatuses: (projectId: string) =>
    list<JiraStatusInfo>(ADMIN_ROUTES.jiraStatuses, { projectId }, 'statuses', 'items'),

  listItems: () => list<Item>(ADMIN_ROUTES.listItems, undefined, 'items'),
  createItem: (body: SmartConnectedItemInput) => call<Item>(ADMIN_ROUTES.createItem, undefined, body),
  updateItem: (id: string, body: SmartConnectedItemInput) => call<Item>(ADMIN_ROUTES.updateItem, { id }, body),
  deleteItem: (id: string) => call<unknown>(ADMIN_ROUTES.deleteItem, { id }),
  enableItem: (id: string) => call<Item>(ADMIN_ROUTES.enableItem, { id }),
  disableItem: (id: string) => call<Item>(ADMIN_ROUTES.disableItem, { id }),
  syncNow: (id: string) => call<{ workflowId: string; temporalUrl: string }>(ADMIN_ROUTES.syncNow, { id }),
};
