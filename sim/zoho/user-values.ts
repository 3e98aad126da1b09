import { v3Errors, V3Error } from './errors';
import type { Json } from './model';
import { userRef, type ZohoSimState } from './store';

/**
 * User values of a write (Field Types page): one user `{"zpuid": "…"}`, several `[{"zpuid": "…"}]`
 * (the whole list), or a change `[{"add": [{zpuid}…], "remove": [{zpuid}…]}]` that adds and removes
 * users and keeps the others. The change is also accepted unwrapped, `{"add": […], "remove": […]}`,
 * as a public integration writes task owners. A bare id string is not a documented user value.
 */
const zpuidOf = (v: unknown): string | undefined => {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Json;
    for (const k of ['zpuid', 'zuid', 'id']) if (typeof o[k] === 'string') return o[k] as string;
  }
  return undefined;
};

const message = (field: string): string =>
  `${field} takes users as {"zpuid": "…"} (several as [{"zpuid": "…"}], a change as [{"add": […], "remove": […]}]).`;

function resolve(field: string, list: unknown, state: ZohoSimState): Json[] | V3Error {
  if (!Array.isArray(list)) return v3Errors.invalidValue(field, message(field));
  const out: Json[] = [];
  for (const u of list) {
    const ref = zpuidOf(u);
    if (!ref) return v3Errors.invalidValue(field, message(field));
    const user = state.findUser(ref);
    if (!user) return v3Errors.invalidValue(field, 'Unknown user.');
    out.push(userRef(user));
  }
  return out;
}

const isChange = (v: unknown): v is Json =>
  !!v && typeof v === 'object' && !Array.isArray(v) && ('add' in v || 'remove' in v);

/** Validates a user value; the result computes the users after the write from the list before it. */
export function parseUserWrite(
  field: string,
  value: unknown,
  state: ZohoSimState,
): ((current: unknown) => Json[]) | V3Error {
  const wrapped = Array.isArray(value) && value.length === 1 && isChange(value[0]) ? value[0] : null;
  const change = isChange(value) ? value : wrapped;
  if (!change) {
    const list = resolve(field, value, state);
    return list instanceof V3Error ? list : () => list;
  }
  const add = resolve(field, change.add ?? [], state);
  if (add instanceof V3Error) return add;
  const remove = resolve(field, change.remove ?? [], state);
  if (remove instanceof V3Error) return remove;
  const gone = new Set(remove.map((u) => u.zpuid));
  return (current) => {
    const kept = (Array.isArray(current) ? (current as Json[]) : []).filter((u) => !gone.has(u.zpuid));
    const have = new Set(kept.map((u) => u.zpuid));
    return [...kept, ...add.filter((u) => !have.has(u.zpuid) && !!have.add(u.zpuid))];
  };
}
