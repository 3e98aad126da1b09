import { v3Errors, V3Error } from './errors';
import { firstModifiedAfter, type ItemList } from './item-list';
import type { Json, ZohoItem } from './model';
import type { ZohoSimState } from './store';

/** Paging, ordering and the (UNCONFIRMED) modified-time filter of task and issue lists. */

export interface Paging {
  page: number;
  perPage: number;
}

type Query = Record<string, string | undefined>;

export function parsePaging(q: Query, opts: { required?: boolean; defaultPerPage?: number } = {}): Paging | V3Error {
  if (opts.required) for (const k of ['page', 'per_page']) if (q[k] === undefined) return v3Errors.missing(k);
  const page = q.page === undefined ? 1 : Number(q.page);
  const perPage = q.per_page === undefined ? (opts.defaultPerPage ?? 100) : Number(q.per_page);
  if (!Number.isInteger(page) || page < 1) return v3Errors.invalidValue('page', 'page must be an integer >= 1.');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 200)
    return v3Errors.invalidValue('per_page', 'per_page must be 1..200.');
  return { page, perPage };
}

/** page_count = records on this page (UNCONFIRMED meaning). */
export function pageInfo(p: Paging, returned: number, hasNext: boolean): Json {
  return { page: p.page, per_page: p.perPage, page_count: returned, has_next_page: hasNext };
}

/** Slice a plain array into one page. */
export function pageOf<T>(all: readonly T[], p: Paging): { rows: T[]; hasNext: boolean } {
  const start = (p.page - 1) * p.perPage;
  return { rows: all.slice(start, start + p.perPage), hasNext: start + p.perPage < all.length };
}

interface Order {
  field: 'created_time' | 'last_modified_time';
  desc: boolean;
}

function parseSort(state: ZohoSimState, raw: string | undefined): Order {
  const m = raw ? /^(ASC|DESC)\((\w+)\)$/i.exec(raw.trim()) : null;
  if (!m) return { field: 'created_time', desc: false };
  const desc = m[1].toUpperCase() === 'DESC';
  if (m[2] === 'last_modified_time') {
    return state.config.switches.sortByModifiedTime
      ? { field: 'last_modified_time', desc }
      : { field: 'created_time', desc: false };
  }
  return m[2] === 'created_time' ? { field: 'created_time', desc } : { field: 'created_time', desc: false };
}

interface Bounds {
  afterMs?: number;
  beforeMs?: number;
}

function toMs(v: unknown): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s === 'number') return s;
  if (typeof s !== 'string') return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `filter={"criteria":[{"field_name":"last_modified_time","criteria_condition":"after","value":["<iso>"]}]}` */
function parseFilter(state: ZohoSimState, raw: string | undefined): Bounds | V3Error {
  if (!raw || !state.config.switches.filterByModifiedTime) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return v3Errors.invalidValue('filter', 'filter must be JSON.');
  }
  const criteria = (parsed as Json | null)?.criteria;
  if (!Array.isArray(criteria)) return v3Errors.invalidValue('filter', 'filter.criteria must be an array.');
  const b: Bounds = {};
  for (const c of criteria as Json[]) {
    if (c?.field_name !== 'last_modified_time') continue;
    const ms = toMs(c.value);
    if (ms === undefined) return v3Errors.invalidValue('filter', 'filter value must be a time.');
    if (c.criteria_condition === 'after') b.afterMs = Math.max(b.afterMs ?? -Infinity, ms);
    else if (c.criteria_condition === 'before') b.beforeMs = Math.min(b.beforeMs ?? Infinity, ms);
    else return v3Errors.invalidValue('filter', `Unsupported criteria_condition ${String(c.criteria_condition)}.`);
  }
  return b;
}

/** One page of a task/issue list: O(page) in created order; bounded work otherwise. */
export function listPage(
  state: ZohoSimState,
  list: ItemList,
  q: Query,
  p: Paging,
): { items: ZohoItem[]; hasNext: boolean } | V3Error {
  const order = parseSort(state, q.sort_by);
  const bounds = parseFilter(state, q.filter);
  if (bounds instanceof V3Error) return bounds;
  const filtered = bounds.afterMs !== undefined || bounds.beforeMs !== undefined;
  let seq: readonly ZohoItem[];
  let lo = 0;
  let hi: number;
  if (filtered || order.field === 'last_modified_time') {
    seq = list.inModifiedOrder();
    hi = seq.length;
    if (bounds.afterMs !== undefined) lo = firstModifiedAfter(seq, bounds.afterMs);
    if (bounds.beforeMs !== undefined) hi = Math.max(lo, firstModifiedAfter(seq, bounds.beforeMs - 1));
    if (order.field === 'created_time') {
      seq = seq.slice(lo, hi).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      lo = 0;
      hi = seq.length;
    }
  } else {
    seq = list.inCreatedOrder();
    hi = seq.length;
  }
  const count = hi - lo;
  const start = (p.page - 1) * p.perPage;
  const end = Math.min(start + p.perPage, count);
  const items: ZohoItem[] = [];
  for (let i = start; i < end; i++) items.push(order.desc ? seq[hi - 1 - i] : seq[lo + i]);
  return { items, hasNext: start + p.perPage < count };
}
