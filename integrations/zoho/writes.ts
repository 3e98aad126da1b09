/**
 * The V3 write shape of a record PATCH, and reading which fields Zoho refused. The product names
 * fields as the record shows them (`owners`); some are written under another key
 * (`owners_and_work.owners`), so both directions of that renaming live here, once.
 */
import type { ZohoModule } from '../../workflows/core/model';
import { HttpFailure } from '../http/failures';
import { isObj } from './map';
import type { ZohoPatch } from './types';

interface NestedWrite {
  key: string;
  wrap(value: unknown): unknown;
}

/**
 * Product field id → V3 write key, where they differ (public V3 clients write task owners so). The
 * owners value is the core's add/remove change (`[{add, remove}]`, workflows/core/values/user-changes.ts).
 */
const NESTED_WRITES: Partial<Record<ZohoModule, Record<string, NestedWrite>>> = {
  tasks: { owners: { key: 'owners_and_work', wrap: (v) => ({ owners: v ?? [] }) } },
};

/** Product patch → the body Zoho's PATCH takes. */
export function toZohoWrite(module: ZohoModule, patch: ZohoPatch): Record<string, unknown> {
  const nested = NESTED_WRITES[module] ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const n = nested[k];
    if (n) out[n.key] = n.wrap(v);
    else out[k] = v;
  }
  return out;
}

function patchKeyOf(module: ZohoModule, writeKey: string): string {
  const entry = Object.entries(NESTED_WRITES[module] ?? {}).find(([, n]) => n.key === writeKey);
  return entry ? entry[0] : writeKey;
}

export interface RefusedField {
  /** Product field id (a key of the patch that was sent). */
  field: string;
  /** Zoho's own words. */
  message: string;
}

/**
 * The patch keys a Zoho 400 names in `error.details[].field_name` (EXTRA_KEY_FOUND_IN_JSON,
 * INVALID_PARAMETER_VALUE…); [] when the failure names none of them (then nothing can be split off).
 */
export function refusedFields(module: ZohoModule, err: unknown, patch: ZohoPatch): RefusedField[] {
  if (!(err instanceof HttpFailure) || err.service !== 'zoho' || err.status !== 400) return [];
  const error = isObj(err.apiBody) ? err.apiBody.error : undefined;
  const details = isObj(error) && Array.isArray(error.details) ? error.details.filter(isObj) : [];
  const out: RefusedField[] = [];
  for (const d of details) {
    if (typeof d.field_name !== 'string') continue;
    const field = patchKeyOf(module, d.field_name);
    if (!(field in patch) || out.some((r) => r.field === field)) continue;
    const message = typeof d.message === 'string' ? d.message : String(isObj(error) ? error.title : 'refused');
    out.push({ field, message });
  }
  return out;
}
