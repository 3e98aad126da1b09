import { v3Errors, V3Error } from './errors';
import type { ItemList } from './item-list';
import { parseListFilter } from './list-filter';
import type { Json, ZohoItem } from './model';
import type { ZohoSimState } from './store';

/** Paging, ordering (`sort_by=ASC(field)|DESC(field)`) and the Filter Guide filter of task and issue lists. */

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

/** One page of a task/issue list: O(page) in created order; bounded work otherwise. */
export function listPage(
  state: ZohoSimState,
  list: ItemList,
  q: Query,
  p: Paging,
): { items: ZohoItem[]; hasNext: boolean } | V3Error {
  const order = parseSort(state, q.sort_by);
  const keep = parseListFilter(state, q.filter);
  if (keep instanceof V3Error) return keep;
  let seq: readonly ZohoItem[] = order.field === 'last_modified_time' ? list.inModifiedOrder() : list.inCreatedOrder();
  if (keep) seq = seq.filter(keep);
  const start = (p.page - 1) * p.perPage;
  const end = Math.min(start + p.perPage, seq.length);
  const items: ZohoItem[] = [];
  for (let i = start; i < end; i++) items.push(order.desc ? seq[seq.length - 1 - i] : seq[i]);
  return { items, hasNext: start + p.perPage < seq.length };
}
