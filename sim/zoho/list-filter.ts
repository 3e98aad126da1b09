import { v3Errors, V3Error } from './errors';
import type { Json, ZohoItem } from './model';
import type { ZohoSimState } from './store';

/**
 * The V3 `filter` query parameter of task and issue lists, as the Filter Guide describes it:
 * `{"criteria":[{"field_name","criteria_condition","value":[…]}],"pattern":"1 AND 2"}`. `pattern`
 * is required and combines the criteria by their 1-based position; date values are `yyyy-MM-dd`.
 * The simulator knows the two time fields of a record and the date comparators `after`, `before`,
 * `on` and `between` (names UNCONFIRMED); days are the portal's (switch portalUtcOffsetMinutes).
 */
export type ItemPredicate = (item: ZohoItem) => boolean;

const TIME_FIELDS: Record<string, (item: ZohoItem) => number> = {
  last_modified_time: (i) => i.modifiedMs,
  created_time: (i) => Date.parse(String(i.json.created_time)),
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const bad = (message: string) => v3Errors.invalidValue('filter', message);

function criterion(c: unknown, n: number, offsetMin: number): ItemPredicate | V3Error {
  const startOf = (day: string): number => Date.parse(`${day}T00:00:00Z`) - offsetMin * 60_000;
  const at = `criteria[${n}]`;
  if (!c || typeof c !== 'object') return bad(`${at} must be an object.`);
  const { field_name: field, criteria_condition: cond, value } = c as Json;
  const timeOf = typeof field === 'string' ? TIME_FIELDS[field] : undefined;
  if (!timeOf) return bad(`${at}: field_name ${String(field)} cannot be filtered here.`);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && DAY.test(v)))
    return bad(`${at}: a date value is given as ["yyyy-MM-dd"].`);
  const [a, b] = (value as string[]).map(startOf);
  const need = cond === 'between' ? 2 : 1;
  if (value.length !== need) return bad(`${at}: ${String(cond)} takes ${need} value(s).`);
  const within =
    (lo: number, hi: number): ItemPredicate =>
    (i) =>
      timeOf(i) >= lo && timeOf(i) < hi;
  switch (cond) {
    case 'after':
      return within(a + DAY_MS, Infinity);
    case 'before':
      return within(-Infinity, a);
    case 'on':
      return within(a, a + DAY_MS);
    case 'between':
      return within(a, b + DAY_MS);
    default:
      return bad(`${at}: criteria_condition ${String(cond)} is not supported for ${String(field)}.`);
  }
}

/** `1`, `1 AND 2`, `(1 OR 2) AND 3`: a tiny recursive-descent parser over the criteria. */
function combine(pattern: string, preds: ItemPredicate[]): ItemPredicate | V3Error {
  const tokens = pattern.match(/\(|\)|\d+|AND|OR|\S+/gi) ?? [];
  let pos = 0;
  const fail = () => bad(`pattern "${pattern}" does not combine the ${preds.length} criteria.`);
  const primary = (): ItemPredicate | null => {
    const t = tokens[pos++];
    if (t === '(') {
      const inner = or();
      return inner && tokens[pos++] === ')' ? inner : null;
    }
    const n = t && /^\d+$/.test(t) ? Number(t) : NaN;
    return n >= 1 && n <= preds.length ? preds[n - 1] : null;
  };
  const and = (): ItemPredicate | null => {
    let left = primary();
    while (left && tokens[pos]?.toUpperCase() === 'AND') {
      pos++;
      const l: ItemPredicate = left;
      const r = primary();
      left = r ? (i) => l(i) && r(i) : null;
    }
    return left;
  };
  const or = (): ItemPredicate | null => {
    let left = and();
    while (left && tokens[pos]?.toUpperCase() === 'OR') {
      pos++;
      const l: ItemPredicate = left;
      const r = and();
      left = r ? (i) => l(i) || r(i) : null;
    }
    return left;
  };
  const out = tokens.length ? or() : null;
  return out && pos === tokens.length ? out : fail();
}

/** undefined = no filter (or the switch ignores it); a V3Error is what Zoho answers to a malformed one. */
export function parseListFilter(state: ZohoSimState, raw: string | undefined): ItemPredicate | undefined | V3Error {
  const sw = state.config.switches;
  if (raw === undefined || !sw.filterByModifiedTime) return undefined;
  if (sw.refuseModifiedTimeFilter) return bad('Filtering is not supported for this list.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return v3Errors.jsonParse();
  }
  const { criteria, pattern } = (parsed ?? {}) as Json;
  if (!Array.isArray(criteria) || criteria.length === 0) return bad('filter.criteria must be a non-empty array.');
  if (pattern === undefined) return v3Errors.missing('pattern');
  if (typeof pattern !== 'string') return bad('filter.pattern must be a string such as "1 AND 2".');
  const preds: ItemPredicate[] = [];
  for (const [n, c] of criteria.entries()) {
    const p = criterion(c, n, sw.portalUtcOffsetMinutes);
    if (p instanceof V3Error) return p;
    preds.push(p);
  }
  return combine(pattern, preds);
}
