/**
 * Jira Cloud REST v3 client (JiraApi): every endpoint the product uses, each request body as the
 * official OpenAPI spec has it. How calls travel (token, pacing, failures) is ./transport.ts.
 */
import { httpFailure } from '../http/failures';
import { multipartBody } from '../http/multipart';
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
import { createJiraTransport, type JiraClientOptions } from './transport';
import type { JiraApi, JiraProject, JiraIssueType, JiraUser } from './types';
import type { JiraStatus } from '../../workflows/core/model';

export { JIRA_TOKEN_MISSING_MESSAGE, type JiraClientOptions } from './transport';

type Json = Record<string, unknown>;

/** Fields the model always needs, added to any explicit field list. */
const MODEL_FIELDS = ['project', 'issuetype', 'status', 'updated'];
const enc = encodeURIComponent;
/** Account ids per GET /user/bulk (its maxResults cap). */
const USER_BULK_SIZE = 50;

export function createJiraClient(opts: JiraClientOptions): JiraApi & { close(): Promise<void> } {
  const { http, send, json, paged } = createJiraTransport(opts);

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

  return {
    async myself() {
      return toJiraUser((await json({ method: 'GET', path: '/rest/api/3/myself' })) as Json);
    },
    async globalPermissions(accountId, permissions) {
      const body = await json({
        method: 'POST',
        path: '/rest/api/3/permissions/check',
        json: { accountId, globalPermissions: [...permissions] },
      });
      const granted = isObj(body) && Array.isArray(body.globalPermissions) ? body.globalPermissions : [];
      return granted.filter((p): p is string => typeof p === 'string');
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
    async searchUsers(query, maxResults = 20) {
      const body = await json({
        method: 'GET',
        path: '/rest/api/3/user/search',
        query: { query, maxResults: String(maxResults) },
      });
      return (Array.isArray(body) ? body.filter(isObj) : []).map(toJiraUser);
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
