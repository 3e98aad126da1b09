/** Typed calls of the user mapping API (route table: server/contract/user-mappings.ts). */
import {
  USER_MAPPING_ROUTES,
  type JiraUserFound,
  type SaveUserMappingBody,
  type UserMapping,
  type ZohoUserFound,
} from '../../server/contract/user-mappings';
import { callApi, routeMethod, routePath } from '../shared/transport';

type Route = (typeof USER_MAPPING_ROUTES)[keyof typeof USER_MAPPING_ROUTES];

const call = <T>(
  route: Route,
  opts: { params?: Record<string, string>; query?: Record<string, string>; body?: object } = {},
) => callApi<T>('admin', routeMethod(route), routePath(route, opts.params, opts.query), opts.body);

export const userMappingApi = {
  list: async (portalId: string) =>
    (await call<{ mappings: UserMapping[] }>(USER_MAPPING_ROUTES.list, { query: { portalId } })).mappings,
  save: (body: SaveUserMappingBody) => call<UserMapping>(USER_MAPPING_ROUTES.save, { body }),
  remove: (id: string) => call<unknown>(USER_MAPPING_ROUTES.remove, { params: { id } }),
  zohoUsers: async (portalId: string, q: string) =>
    (await call<{ users: ZohoUserFound[] }>(USER_MAPPING_ROUTES.zohoUsers, { query: { portalId, q } })).users,
  jiraUsers: async (q: string) =>
    (await call<{ users: JiraUserFound[] }>(USER_MAPPING_ROUTES.jiraUsers, { query: { q } })).users,
};
