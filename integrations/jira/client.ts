/**
 * Jira Cloud REST v3 client (JiraApi) over the installation's apiBaseUrl with the Forge app system
 * token. Every request body follows the official OpenAPI spec. A missing or rejected token is a
 * retryable wait: a fresh token arrives with the next Forge call (the five-minute trigger).
 */
import { classify } from '../http/classify';
import { FAILURE_TYPES, httpFailure, retryLater } from '../http/failures';
import { multipartBody } from '../http/multipart';
import { createHttpClient, readJson, type HttpClient, type HttpRequest, type HttpResponse } from '../http/request';
import type { OnCall } from '../http/types';
import {
  isObj,
  toJiraAttachment,
  toJiraComment,
  toJiraFieldMeta,
  toJiraIssue,
  toJiraStatus,
  toJiraTransition,
  toJiraUser,
} from './map';
import type { JiraApi, JiraProject, JiraIssueType, JiraUser } from './types';
import { pacerForSite, type SitePacer } from './pacer';
import type { JiraStatus } from '../../workflows/core/model';

type Json = Record<string, unknown>;

export interface JiraClientOptions {
  /** The installation's apiBaseUrl, e.g. https://api.atlassian.com/ex/jira/<cloudId>. */
  baseUrl: string;
  /** The freshest stored system token, or null when none is valid. */
  token: () => Promise<string | null | undefined>;
  onCall?: OnCall;
  http?: HttpClient;
  timeoutMs?: number;
  now?: () => number;
  /** Wait before retrying when no valid token exists. Default 60 s. */
  tokenWaitMs?: number;
  /** Pacing against Jira's burst limit; default: the process-wide pacer of this site (pacer.ts). */
  pacer?: SitePacer;
}

export const JIRA_TOKEN_MISSING_MESSAGE =
  'No valid Jira token yet — it arrives with the next Forge call (every five minutes)';

/** Fields the model always needs, added to any explicit field list. */
const MODEL_FIELDS = ['project', 'issuetype', 'status', 'updated'];
const enc = encodeURIComponent;
/** Account ids per GET /user/bulk (its maxResults cap). */
const USER_BULK_SIZE = 50;

export function createJiraClient(opts: JiraClientOptions): JiraApi & { close(): Promise<void> } {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const http = opts.http ?? createHttpClient({ service: 'jira', onCall: opts.onCall, timeoutMs: opts.timeoutMs });
  const now = opts.now ?? Date.now;
  const tokenWait = opts.tokenWaitMs ?? 60_000;
  const pacer = opts.pacer ?? pacerForSite(base);

  async function token(): Promise<string> {
    const t = await opts.token();
    if (!t) throw retryLater(FAILURE_TYPES.jiraTokenMissing, JIRA_TOKEN_MISSING_MESSAGE, tokenWait);
    return t;
  }

  type Call = Omit<HttpRequest, 'url' | 'headers'> & {
    path: string;
    headers?: Record<string, string>;
    allow404?: boolean;
    replayable?: boolean;
  };

  async function send(call: Call): Promise<HttpResponse | undefined> {
    const { path, allow404, replayable = true, ...req } = call;
    const what = `${req.method} ${path.split('?')[0]}`;
    let t = await token();
    for (let attempt = 0; ; attempt++) {
      await pacer.acquire();
      const res = await http.send({
        ...req,
        url: `${base}${path}`,
        headers: { ...call.headers, authorization: `Bearer ${t}` },
      });
      pacer.answered(res.status, (res.headers['x-ratelimit-nearlimit'] ?? '').toLowerCase() === 'true');
      if (res.status >= 200 && res.status < 300) return res;
      const body = await readJson('jira', res, what);
      if (res.status === 404 && allow404) return undefined;
      const c = classify(res.status, res.headers, body, now());
      if (c.kind === 'auth') {
        // The stored token may have been replaced by a fresher one meanwhile: try that once.
        const fresh = await opts.token();
        if (attempt === 0 && replayable && fresh && fresh !== t) {
          t = fresh;
          continue;
        }
        throw retryLater(
          FAILURE_TYPES.jiraTokenMissing,
          `Jira ${what} failed: ${c.reason}. ${JIRA_TOKEN_MISSING_MESSAGE}`,
          tokenWait,
        );
      }
      throw httpFailure('jira', res.status, c, what, body);
    }
  }

  async function json(call: Call): Promise<unknown> {
    const res = await send(call);
    return res ? readJson('jira', res, `${call.method} ${call.path}`) : undefined;
  }

  async function getIssue(idOrKey: string, fields?: string[]) {
    const f = fields ? [...new Set([...fields, ...MODEL_FIELDS])].join(',') : '*all';
    const body = await json({
      method: 'GET',
      path: `/rest/api/3/issue/${enc(idOrKey)}`,
      query: { fields: f },
      allow404: true,
    });
    return isObj(body) ? toJiraIssue(body) : null;
  }

  /** startAt/maxResults paging with `isLast` or `total`. */
  async function paged(path: string, key: string, query: Json = {}, pageSize = 50): Promise<Json[]> {
    const out: Json[] = [];
    for (let startAt = 0; startAt < 10_000;) {
      const body = await json({ method: 'GET', path, query: { ...query, startAt, maxResults: pageSize } as never });
      const list = isObj(body) && Array.isArray(body[key]) ? (body[key] as unknown[]).filter(isObj) : [];
      out.push(...list);
      startAt += list.length;
      const b = isObj(body) ? body : {};
      if (!list.length || b.isLast === true || (typeof b.total === 'number' && startAt >= b.total)) break;
    }
    return out;
  }

  return {
    async myself() {
      return toJiraUser((await json({ method: 'GET', path: '/rest/api/3/myself' })) as Json);
    },
    async getUsers(accountIds) {
      const out: JiraUser[] = [];
      const ids = [...new Set(accountIds)];
      // accountId repeats per user (OpenAPI); the query builder sets single values, so it goes in the path.
      for (let i = 0; i < ids.length; i += USER_BULK_SIZE) {
        const qs = ids
          .slice(i, i + USER_BULK_SIZE)
          .map((id) => `accountId=${enc(id)}`)
          .join('&');
        const rows = await paged(`/rest/api/3/user/bulk?${qs}`, 'values', {}, USER_BULK_SIZE);
        out.push(...rows.map(toJiraUser));
      }
      return out;
    },
    async findUsersByEmail(email) {
      const body = await json({ method: 'GET', path: '/rest/api/3/user/search', query: { query: email } });
      const wanted = email.trim().toLowerCase();
      return (Array.isArray(body) ? body.filter(isObj) : [])
        .map(toJiraUser)
        .filter((u) => u.emailAddress?.toLowerCase() === wanted);
    },
    async listProjects(): Promise<JiraProject[]> {
      return (await paged('/rest/api/3/project/search', 'values')).map((p) => ({
        id: String(p.id),
        key: String(p.key),
        name: String(p.name),
      }));
    },
    async listIssueTypes(projectId): Promise<JiraIssueType[]> {
      const path = `/rest/api/3/issue/createmeta/${enc(projectId)}/issuetypes`;
      const list = await paged(path, 'issueTypes');
      const rows = list.length ? list : await paged(path, 'values');
      return rows.map((t) => ({ id: String(t.id), name: String(t.name), subtask: t.subtask === true }));
    },
    async listFields(projectId, issueTypeId) {
      const path = `/rest/api/3/issue/createmeta/${enc(projectId)}/issuetypes/${enc(issueTypeId)}`;
      const list = await paged(path, 'fields');
      return (list.length ? list : await paged(path, 'values')).map(toJiraFieldMeta);
    },
    async listStatuses(projectId): Promise<JiraStatus[]> {
      const body = await json({ method: 'GET', path: `/rest/api/3/project/${enc(projectId)}/statuses` });
      const seen = new Map<string, JiraStatus>();
      for (const it of Array.isArray(body) ? body.filter(isObj) : []) {
        for (const s of Array.isArray(it.statuses) ? it.statuses.filter(isObj) : []) {
          const st = toJiraStatus(s);
          if (!seen.has(st.id)) seen.set(st.id, st);
        }
      }
      return [...seen.values()];
    },
    getIssue,
    async createIssue(input) {
      const body = (await json({
        method: 'POST',
        path: '/rest/api/3/issue',
        json: {
          fields: { ...input.fields, project: { id: input.projectId }, issuetype: { id: input.issueTypeId } },
          ...(input.properties?.length
            ? { properties: input.properties.map((p) => ({ key: p.key, value: p.value })) }
            : {}),
        },
      })) as Json;
      return { id: String(body.id), key: String(body.key) };
    },
    async editIssue(idOrKey, fields, o) {
      await send({
        method: 'PUT',
        path: `/rest/api/3/issue/${enc(idOrKey)}`,
        json: { fields },
        ...(o?.notifyUsers === false ? { query: { notifyUsers: false } } : {}),
      });
    },
    async getTransitions(idOrKey) {
      const body = await json({
        method: 'GET',
        path: `/rest/api/3/issue/${enc(idOrKey)}/transitions`,
        query: { expand: 'transitions.fields' },
      });
      return (isObj(body) && Array.isArray(body.transitions) ? body.transitions.filter(isObj) : []).map(
        toJiraTransition,
      );
    },
    async transition(idOrKey, transitionId) {
      await send({
        method: 'POST',
        path: `/rest/api/3/issue/${enc(idOrKey)}/transitions`,
        json: { transition: { id: transitionId } },
      });
    },
    async addComment(idOrKey, adf) {
      const body = (await json({
        method: 'POST',
        path: `/rest/api/3/issue/${enc(idOrKey)}/comment`,
        json: { body: adf },
      })) as Json;
      return { id: String(body.id) };
    },
    async listComments(idOrKey) {
      return (await paged(`/rest/api/3/issue/${enc(idOrKey)}/comment`, 'comments', { orderBy: 'created' }, 100)).map(
        toJiraComment,
      );
    },
    async updateComment(idOrKey, commentId, adf) {
      await json({
        method: 'PUT',
        path: `/rest/api/3/issue/${enc(idOrKey)}/comment/${enc(commentId)}`,
        json: { body: adf },
        query: { notifyUsers: false },
      });
    },
    async deleteComment(idOrKey, commentId) {
      await send({
        method: 'DELETE',
        path: `/rest/api/3/issue/${enc(idOrKey)}/comment/${enc(commentId)}`,
        allow404: true,
      });
    },
    async listAttachments(idOrKey) {
      const issue = await getIssue(idOrKey, ['attachment']);
      const list = issue && Array.isArray(issue.fields.attachment) ? issue.fields.attachment.filter(isObj) : [];
      return list.map(toJiraAttachment);
    },
    async uploadAttachment(idOrKey, file) {
      const m = multipartBody([
        { name: 'file', filename: file.name, contentType: file.contentType, stream: file.stream, size: file.size },
      ]);
      const body = await json({
        method: 'POST',
        path: `/rest/api/3/issue/${enc(idOrKey)}/attachments`,
        body: m.body,
        replayable: false,
        headers: {
          'x-atlassian-token': 'no-check',
          'content-type': m.contentType,
          ...(m.length !== undefined ? { 'content-length': String(m.length) } : {}),
        },
        timeoutMs: 300_000,
      });
      const first = Array.isArray(body) ? body.find(isObj) : undefined;
      if (!first)
        throw httpFailure(
          'jira',
          200,
          { retry: false, kind: 'client', reason: 'upload returned no attachment' },
          `POST /rest/api/3/issue/${idOrKey}/attachments`,
          body,
        );
      return toJiraAttachment(first);
    },
    async downloadAttachment(attachmentId) {
      const res = (await send({
        method: 'GET',
        path: `/rest/api/3/attachment/content/${enc(attachmentId)}`,
        query: { redirect: false },
        headers: { accept: '*/*' },
        timeoutMs: 300_000,
      }))!;
      const len = Number(res.headers['content-length']);
      return {
        stream: res.body,
        contentType: res.headers['content-type'] ?? 'application/octet-stream',
        ...(Number.isFinite(len) ? { size: len } : {}),
      };
    },
    async setProperty(idOrKey, key, value) {
      await send({ method: 'PUT', path: `/rest/api/3/issue/${enc(idOrKey)}/properties/${enc(key)}`, json: value });
    },
    async getProperty(idOrKey, key) {
      const body = await json({
        method: 'GET',
        path: `/rest/api/3/issue/${enc(idOrKey)}/properties/${enc(key)}`,
        allow404: true,
      });
      return isObj(body) ? body.value : undefined;
    },
    async searchJql(input) {
      const fields = input.fields ? [...new Set([...input.fields, ...MODEL_FIELDS])] : [...MODEL_FIELDS];
      const body = (await json({
        method: 'POST',
        path: '/rest/api/3/search/jql',
        json: {
          jql: input.jql,
          fields,
          maxResults: input.maxResults ?? 50,
          ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}),
        },
      })) as Json;
      const issues = (Array.isArray(body.issues) ? body.issues.filter(isObj) : []).map(toJiraIssue);
      return {
        issues,
        ...(typeof body.nextPageToken === 'string' && body.isLast !== true
          ? { nextPageToken: body.nextPageToken }
          : {}),
      };
    },
    async close() {
      if (!opts.http) await http.close();
    },
  };
}
