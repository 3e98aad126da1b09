/**
 * Writes to a Zoho multi-user field (task owners, multi-user custom fields) as a change, never as
 * a whole list: the Field Types page documents `[{"add": [{zpuid}…], "remove": [{zpuid}…]}]`. A
 * sync adds the users the mapped Jira value names and removes only users this mapping carried at
 * the last sync (FieldBaseline.zohoUsers) that the Jira value no longer names; everyone else on
 * the Zoho record stays, because nobody asked to change them.
 */
import type { FieldBaseline } from '../conflict';
import type { ZohoField } from '../model';
import { zohoSideHash } from './comparable';
import { jiraAccountForZohoUser, type UserDirectoryEntry } from './user-directory';

export interface ZohoUserRef {
  zpuid: string;
}
/** The documented change form of a multi-user write. */
export type ZohoUserChange = [{ add: ZohoUserRef[]; remove: ZohoUserRef[] }];

/** zpuids of a user value as records and conversions hold it (`[{zpuid}]`, `{zpuid}`, `{id}`). */
export function zpuidsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  const out: string[] = [];
  for (const u of list) {
    const o = (u && typeof u === 'object' ? u : {}) as Record<string, unknown>;
    const id = typeof o.zpuid === 'string' ? o.zpuid : typeof o.id === 'string' ? o.id : undefined;
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

export interface ZohoUserWrite {
  /** What goes into the patch, or null when the change adds and removes nobody. */
  patch: ZohoUserChange | null;
  /** Hash of the Zoho value after the write (baseline and echo receipt). */
  hash: string;
  /** The users this mapping carries from now on. */
  zohoUsers: string[];
}

/**
 * The change that makes the Zoho field carry `desired` (the converted Jira value) while keeping
 * every user the mapping did not carry. `current` is the record's value (undefined when unknown).
 */
export function zohoUserWrite(
  field: ZohoField,
  desired: unknown,
  current: unknown,
  base: FieldBaseline | undefined,
): ZohoUserWrite {
  const want = zpuidsOf(desired);
  const have = zpuidsOf(current);
  const carried = base?.zohoUsers ?? [];
  const add = want.filter((id) => !have.includes(id));
  const remove = carried.filter((id) => have.includes(id) && !want.includes(id));
  const after = [...have.filter((id) => !remove.includes(id)), ...add];
  const ref = (zpuid: string): ZohoUserRef => ({ zpuid });
  return {
    patch: add.length || remove.length ? [{ add: add.map(ref), remove: remove.map(ref) }] : null,
    hash: zohoSideHash(after.map(ref), field),
    zohoUsers: want,
  };
}

/** Multi-user Zoho fields are written as changes; a single user field is one value (`{zpuid}`). */
export const writesUserChanges = (field: ZohoField): boolean => field.type === 'multiuser';

/** The Zoho users (zpuids) of `zohoValue` that became the Jira value `jiraAccountIds` (Zoho → Jira). */
export function carriedZohoUsers(
  users: readonly UserDirectoryEntry[] | undefined,
  zohoValue: unknown,
  jiraValue: unknown,
): string[] {
  const list = Array.isArray(jiraValue) ? jiraValue : jiraValue == null ? [] : [jiraValue];
  const accounts = new Set(
    list.map((u) => (u && typeof u === 'object' ? (u as Record<string, unknown>).accountId : u)).filter(Boolean),
  );
  const zohoList = Array.isArray(zohoValue) ? zohoValue : zohoValue == null ? [] : [zohoValue];
  return zohoList.flatMap((u) => {
    const m = jiraAccountForZohoUser(users, u);
    const id = zpuidsOf(u)[0];
    return m.ok && id && accounts.has(m.id) ? [id] : [];
  });
}

export interface ZohoFieldWrite {
  /** The patch value; undefined when there is nothing to write. */
  patch?: unknown;
  /** Hash of the Zoho value after the write. */
  hash: string;
  /** Multi-user fields only: the users the mapping carries from now on. */
  zohoUsers?: string[];
}

/** How a converted value is written to a Zoho field: a change for multi-user fields, else the value. */
export function zohoFieldWrite(
  field: ZohoField,
  value: unknown,
  current: unknown,
  base: FieldBaseline | undefined,
): ZohoFieldWrite {
  if (!writesUserChanges(field)) return { patch: value, hash: zohoSideHash(value, field) };
  const w = zohoUserWrite(field, value, current, base);
  return { ...(w.patch ? { patch: w.patch } : {}), hash: w.hash, zohoUsers: w.zohoUsers };
}
