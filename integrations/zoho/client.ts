/**
 * The Zoho Projects V3 client (ZohoApi). Paths from zoho.md; shapes mapped in ./map.ts.
 * Paging: `page` (1-based) and `per_page` ≤ 200, stop when has_next_page is false or a page is short.
 */
import { ZOHO_MODULE_CAPABILITIES } from '../../workflows/core/capabilities';
import { ZOHO_MODULES, type ZohoModule, type ZohoRecord, type ZohoStatus } from '../../workflows/core/model';
import { HttpFailure } from '../http/failures';
import { createHttpClient, type HttpClient } from '../http/request';
import type { OnCall } from '../http/types';
import { listAssociatedRecords } from './associations';
import { downloadAttachment, listAttachments, uploadAttachment } from './attachments';
import { createZohoBudget, type ZohoBudget } from './budget';
import { zohoHosts, type DataCenterId, type ZohoHostOverrides, type ZohoHosts } from './data-centers';
import {
  idOf,
  isObj,
  mergeFields,
  toZohoComment,
  toZohoField,
  toZohoPortal,
  toZohoProject,
  toZohoRecord,
  toZohoStatus,
  toZohoUser,
} from './map';
import { modifiedSinceFilter, NEWEST_FIRST } from './modified-filter';
import type { ZohoTokenProvider } from './token-provider';
import { toZohoWrite } from './writes';
import { createZohoTransport } from './transport';
import type { ZohoApi, ZohoSource, ZohoUser } from './types';

type Json = Record<string, unknown>;

export interface ZohoClientOptions {
  /** Either a data center (plus optional overrides) or explicit hosts. */
  dataCenter?: DataCenterId;
  overrides?: ZohoHostOverrides;
  hosts?: Pick<ZohoHosts, 'api' | 'web'> & Partial<Pick<ZohoHosts, 'workdrive'>>;
  tokens: ZohoTokenProvider;
  /** Share one budget per connection (per worker process). Default: a fresh 80/120 s budget. */
  budget?: ZohoBudget;
  http?: HttpClient;
  timeoutMs?: number;
  onCall?: OnCall;
  now?: () => number;
}

const PER_PAGE = 200;
const MAX_PAGES = 50;

/** V3 has tasks and issues; milestones and timesheets are display-only lists. */
const recordPath = (src: ZohoSource): string => {
  const base = `/api/v3/portal/${enc(src.portalId)}/projects/${enc(src.projectId)}`;
  return src.module === 'timesheets' ? `${base}/timelogs` : `${base}/${src.module}`;
};
const enc = (s: string): string => encodeURIComponent(s);
const listKey = (m: ZohoModule): string => (m === 'timesheets' ? 'time_logs' : m);

function hasNext(body: unknown, returned: number, perPage: number): boolean {
  const pi = isObj(body) ? (Array.isArray(body.page_info) ? body.page_info[0] : body.page_info) : undefined;
  if (isObj(pi) && typeof pi.has_next_page === 'boolean') return pi.has_next_page && returned > 0;
  return returned >= perPage;
}

function rows(body: unknown, key: string): Json[] {
  if (Array.isArray(body)) return body.filter(isObj);
  if (isObj(body) && Array.isArray(body[key])) return (body[key] as unknown[]).filter(isObj);
  return [];
}

export function createZohoClient(opts: ZohoClientOptions): ZohoApi & { close(): Promise<void> } {
  const hosts = opts.hosts
    ? { workdrive: zohoHosts(opts.dataCenter ?? 'us').workdrive, ...opts.hosts }
    : zohoHosts(opts.dataCenter ?? 'us', opts.overrides);
  const http = opts.http ?? createHttpClient({ service: 'zoho', onCall: opts.onCall, timeoutMs: opts.timeoutMs });
  const t = createZohoTransport({
    apiOrigin: hosts.api,
    http,
    tokens: opts.tokens,
    budget: opts.budget ?? createZohoBudget(),
    now: opts.now,
  });

  async function allPages(url: string, key: string, query: Json = {}): Promise<Json[]> {
    const out: Json[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await t.json({
        method: 'GET',
        url,
        query: { ...query, page, per_page: PER_PAGE } as never,
        allow404: true,
      });
      const r = rows(body, key);
      out.push(...r);
      if (!hasNext(body, r.length, PER_PAGE)) break;
    }
    return out;
  }

  const api: ZohoApi & { close(): Promise<void> } = {
    async listPortals() {
      const body = await t.json({ method: 'GET', url: '/api/v3/portals' });
      return rows(body, 'portals').map(toZohoPortal);
    },
    async listProjects(portalId) {
      return (await allPages(`/api/v3/portal/${enc(portalId)}/projects`, 'projects', { status: 'active' })).map(
        toZohoProject,
      );
    },
    listModules() {
      return ZOHO_MODULES.map((id) => {
        const c = ZOHO_MODULE_CAPABILITIES[id];
        return {
          id,
          name: c.label,
          synchronizable: c.synchronized,
          autoCreate: c.autoCreate,
          statusSync: c.status,
          commentSync: c.comments,
          attachmentSync: c.attachments,
        };
      });
    },
    async listFields(portalId, _projectId, module) {
      if (module !== 'tasks' && module !== 'issues') return mergeFields(module, []);
      let fromApi: Json[] = [];
      try {
        fromApi = rows(
          await t.json({
            method: 'GET',
            url: `/api/v3/portal/${enc(portalId)}/settings/fields`,
            query: { module },
            allow404: true,
          }),
          'fields',
        );
      } catch (e) {
        // Field settings are UNCONFIRMED: a client error falls back to the standard fields.
        if (!(e instanceof HttpFailure) || e.kind !== 'client') throw e;
      }
      return mergeFields(
        module,
        fromApi.map(toZohoField).filter((f): f is NonNullable<typeof f> => !!f),
      );
    },
    async listStatuses(portalId, projectId, module) {
      if (module !== 'tasks' && module !== 'issues') return [];
      try {
        const body = await t.json({
          method: 'GET',
          url: `/api/v3/portal/${enc(portalId)}/settings/options`,
          query: { module, field: 'status' },
          allow404: true,
        });
        const list = rows(body, 'options')
          .map(toZohoStatus)
          .filter((s): s is ZohoStatus => !!s && !!s.id);
        if (list.length) return list;
      } catch (e) {
        if (!(e instanceof HttpFailure) || e.kind !== 'client') throw e;
      }
      // No confirmed list-statuses endpoint: collect the statuses embedded in records.
      const page = await api.listRecords({ portalId, projectId, module }, { page: 1, perPage: PER_PAGE });
      const seen = new Map<string, ZohoStatus>();
      for (const r of page.records) if (r.status && !seen.has(r.status.id)) seen.set(r.status.id, r.status);
      return [...seen.values()];
    },
    async listRecords(src, o) {
      const query: Json = { page: o.page, per_page: Math.min(o.perPage, PER_PAGE) };
      if (o.sortByModified) query.sort_by = NEWEST_FIRST;
      if (o.modifiedAfter) query.filter = modifiedSinceFilter(o.modifiedAfter);
      const body = await t.json({
        method: 'GET',
        url: recordPath(src),
        query: query as never,
        allow404: src.module === 'milestones',
      });
      const raw = rows(body, listKey(src.module));
      const all = raw.map((r) => toZohoRecord(src.module, r));
      // The server filters by day: compare exact times here (records without a time are kept).
      const after = o.modifiedAfter ? Date.parse(o.modifiedAfter) : undefined;
      const records = after === undefined ? all : all.filter((r) => !r.modifiedAt || Date.parse(r.modifiedAt) > after);
      return {
        records,
        hasNextPage: hasNext(body, raw.length, Number(query.per_page)),
        olderSeen: records.length < all.length,
      };
    },
    async getRecord(src, id) {
      const body = await t.json({ method: 'GET', url: `${recordPath(src)}/${enc(id)}`, allow404: true });
      const obj = isObj(body) && Array.isArray(body[src.module]) ? (body[src.module] as unknown[])[0] : body;
      return isObj(obj) ? toZohoRecord(src.module, obj) : null;
    },
    async searchRecords(src, term) {
      const body = await t.json({
        method: 'GET',
        url: `/api/v3/portal/${enc(src.portalId)}/search`,
        query: { search_term: term, module: src.module, project_id: src.projectId, page: 1, per_page: 50 },
      });
      const found = rows(body, src.module).length ? rows(body, src.module) : rows(body, 'results');
      return found
        .filter((r) => !isObj(r.project) || idOf(r.project) === src.projectId)
        .map((r) => toZohoRecord(src.module, r));
    },
    async updateRecord(src, id, patch) {
      const body = await t.json({
        method: 'PATCH',
        url: `${recordPath(src)}/${enc(id)}`,
        json: toZohoWrite(src.module, patch),
      });
      const obj = isObj(body) && Array.isArray(body[src.module]) ? (body[src.module] as unknown[])[0] : body;
      return isObj(obj) && obj.id !== undefined ? toZohoRecord(src.module, obj) : null;
    },
    async listComments(src, id) {
      return (await allPages(`${recordPath(src)}/${enc(id)}/comments`, 'comments')).map(toZohoComment);
    },
    async addComment(src, id, html) {
      const body = await t.json({
        method: 'POST',
        url: `${recordPath(src)}/${enc(id)}/comments`,
        json: { comment: html },
      });
      const first = Array.isArray(body) ? body[0] : (rows(body, 'comments')[0] ?? body);
      return { id: isObj(first) ? toZohoComment(first).id : '' };
    },
    async updateComment(src, id, commentId, html) {
      await t.json({
        method: 'PATCH',
        url: `${recordPath(src)}/${enc(id)}/comments/${enc(commentId)}`,
        json: { comment: html },
      });
    },
    async deleteComment(src, id, commentId) {
      await t.json({
        method: 'DELETE',
        url: `${recordPath(src)}/${enc(id)}/comments/${enc(commentId)}`,
        allow404: true,
      });
    },
    listAttachments: (src, id) => listAttachments(t, `${recordPath(src)}/${enc(id)}`),
    downloadAttachment: (att) => downloadAttachment(t, hosts.workdrive, att),
    uploadAttachment: (src, id, file) =>
      uploadAttachment(t, `/api/v3/portal/${enc(src.portalId)}`, `${recordPath(src)}/${enc(id)}`, file),
    async listFollowers(src, id) {
      // Documented for issues only: other modules have no followers API to ask.
      if (src.module !== 'issues') return [];
      const body = await t.json({ method: 'GET', url: `${recordPath(src)}/${enc(id)}/followers`, allow404: true });
      return rows(body, 'followers')
        .map(toZohoUser)
        .filter((u): u is ZohoUser => !!u);
    },
    listAssociatedRecords: (src, id) => listAssociatedRecords(t, src, id),
    async listUsers(portalId) {
      return (await allPages(`/api/v3/portal/${enc(portalId)}/users`, 'users'))
        .map(toZohoUser)
        .filter((u): u is ZohoUser => !!u);
    },
    recordUrl(src, record: ZohoRecord) {
      const portal = `${hosts.web}/portal/${enc(src.portalName ?? src.portalId)}`;
      if (record.module === 'issues') return `${portal}#buginfo/${src.projectId}/${record.id}`;
      if (record.module === 'tasks') {
        const tl = isObj(record.fields.tasklist) ? idOf(record.fields.tasklist) : '';
        return `${portal}#taskdetail/${src.projectId}/${tl}/${record.id}`;
      }
      // Milestones / time logs: project-level pages (UNCONFIRMED anchors).
      return `${portal}#${record.module === 'milestones' ? 'milestones' : 'timesheet'}/${src.projectId}`;
    },
    async close() {
      if (!opts.http) await http.close();
    },
  };
  return api;
}
