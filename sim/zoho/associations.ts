import { v3Errors, type V3Error } from './errors';
import type { ZohoItem } from './model';
import type { ZohoSimState } from './store';

/**
 * Task ↔ issue associations ("Bug Association" of a task, "Issue Task Mapping" of an issue).
 * Stored on both records; an association joins one task and one issue. Paths and shapes are
 * UNCONFIRMED (see routes/association-routes.ts).
 */

export function associate(state: ZohoSimState, a: ZohoItem, b: ZohoItem): V3Error | undefined {
  if (a.module === b.module) return v3Errors.invalidValue('ids', 'An association joins one task and one issue.');
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const ids = x.associatedIds ?? [];
    if (!ids.includes(y.id)) x.associatedIds = [...ids, y.id];
  }
  state.touch(a);
  state.touch(b);
  return undefined;
}

export function dissociate(state: ZohoSimState, a: ZohoItem, b: ZohoItem): void {
  a.associatedIds = (a.associatedIds ?? []).filter((id) => id !== b.id);
  b.associatedIds = (b.associatedIds ?? []).filter((id) => id !== a.id);
  state.touch(a);
  state.touch(b);
}

/** Associated records of an item that still exist, oldest association first. */
export function associatedOf(state: ZohoSimState, item: ZohoItem): ZohoItem[] {
  return (item.associatedIds ?? []).map((id) => state.items.get(id)).filter((x): x is ZohoItem => !!x);
}
