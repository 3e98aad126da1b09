/** Typed calls of the issue panel API (route table: server/contract/panel.ts). The issue comes from the FIT. */
import type { AssociationGroup, LinkPreviewResult, PanelItem, RecordSummary } from '../../server/contract/panel';
import { PANEL_ROUTES } from '../../server/contract/panel';
import { callApi, routeMethod, routePath } from '../shared/transport';

type Route = (typeof PANEL_ROUTES)[keyof typeof PANEL_ROUTES];
function call<T>(
  route: Route,
  params?: Record<string, string>,
  body?: object,
  query?: Record<string, string>,
): Promise<T> {
  return callApi<T>('panel', routeMethod(route), routePath(route, params, query), body);
}

export interface PanelItems {
  issue: { id: string; key: string };
  zohoConnected: boolean;
  items: PanelItem[];
}

export const panelApi = {
  items: () => call<PanelItems>(PANEL_ROUTES.items),
  search: (sciId: string, q: string) =>
    call<{ records: RecordSummary[] }>(PANEL_ROUTES.search, { sciId }, undefined, { q }),
  linkPreview: (sciId: string, zohoRecordId: string) =>
    call<LinkPreviewResult>(PANEL_ROUTES.linkPreview, { sciId }, { zohoRecordId }),
  link: (sciId: string, zohoRecordId: string) => call<unknown>(PANEL_ROUTES.link, { sciId }, { zohoRecordId }),
  unlink: (sciId: string) => call<unknown>(PANEL_ROUTES.unlink, { sciId }),
  refresh: (sciId: string) => call<unknown>(PANEL_ROUTES.refresh, { sciId }),
  associations: (sciId: string) => call<{ groups: AssociationGroup[] }>(PANEL_ROUTES.associations, { sciId }),
};
