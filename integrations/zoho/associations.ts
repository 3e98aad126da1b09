/**
 * Task ↔ issue associations, read side: a task's associated issues ("Bug Association") and an
 * issue's associated tasks ("Issue Task Mapping"). Paths come from Zoho's V3 docs; response
 * shapes are UNCONFIRMED, so rows are accepted under several keys, possibly grouped per issue.
 * Everything about these two endpoints lives here (and in sim/zoho/routes/association-routes.ts).
 */
import type { ZohoModule, ZohoRecord } from '../../workflows/core/model';
import { isObj, toZohoRecord } from './map';
import type { ZohoTransport } from './transport';
import type { ZohoSource } from './types';

type Json = Record<string, unknown>;

const PER_PAGE = 200;
const MAX_PAGES = 5;

export const ZOHO_ASSOCIATION_PATHS = {
  /** GET: issues associated with a task. */
  issuesOfTask: (portalId: string, projectId: string, taskId: string) =>
    `/api/v3/portal/${enc(portalId)}/projects/${enc(projectId)}/tasks/${enc(taskId)}/associated-bugs`,
  /** GET ?issue_ids=<id>&page&per_page: tasks associated with issues (portal level). */
  tasksOfIssues: (portalId: string) => `/api/v3/portal/${enc(portalId)}/issues/associated-tasks`,
} as const;

const ROW_KEYS: Record<'tasks' | 'issues', readonly string[]> = {
  issues: ['issues', 'bugs', 'associated_bugs', 'associated_issues'],
  tasks: ['tasks', 'associated_tasks'],
};

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** Rows of `module` found in the body: a bare array, under a known key, or nested one level (per issue). */
export function associatedRows(body: unknown, module: 'tasks' | 'issues'): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth);
      return;
    }
    if (!isObj(v)) return;
    const nestedKey = ROW_KEYS[module].find((k) => Array.isArray(v[k]));
    if (nestedKey && depth < 2) visit(v[nestedKey], depth + 1);
    else if (v.id !== undefined || v.id_string !== undefined) out.push(v);
  };
  visit(body, 0);
  return out;
}

function hasNext(body: unknown, returned: number): boolean {
  const pi = isObj(body) ? (Array.isArray(body.page_info) ? body.page_info[0] : body.page_info) : undefined;
  if (isObj(pi) && typeof pi.has_next_page === 'boolean') return pi.has_next_page && returned > 0;
  return false;
}

export async function listAssociatedRecords(t: ZohoTransport, src: ZohoSource, id: string): Promise<ZohoRecord[]> {
  if (src.module === 'tasks') {
    const body = await t.json({
      method: 'GET',
      url: ZOHO_ASSOCIATION_PATHS.issuesOfTask(src.portalId, src.projectId, id),
      allow404: true,
    });
    return dedupe(associatedRows(body, 'issues').map((r) => toZohoRecord('issues', r)));
  }
  if (src.module !== 'issues') return [];
  const out: ZohoRecord[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const body = await t.json({
      method: 'GET',
      url: ZOHO_ASSOCIATION_PATHS.tasksOfIssues(src.portalId),
      query: { issue_ids: id, page, per_page: PER_PAGE },
      allow404: true,
    });
    const rows = associatedRows(body, 'tasks');
    out.push(...rows.map((r) => toZohoRecord('tasks' satisfies ZohoModule, r)));
    if (!hasNext(body, rows.length)) break;
  }
  return dedupe(out);
}

function dedupe(records: ZohoRecord[]): ZohoRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => r.id !== '' && !seen.has(r.id) && seen.add(r.id));
}
