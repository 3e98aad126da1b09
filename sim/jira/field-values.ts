/**
 * Field values: parse Jira REST input into the simulator's internal form (with Jira's error
 * messages), render them back to REST shapes, and describe them for changelog items.
 */
import { adfToText, isAdfDoc } from './adf';
import type { AdfDoc, SimFieldDef, SimPriority, SimUser } from './types';

export interface ValueLookup {
  user(accountId: string): SimUser | undefined;
  priority(idOrName: { id?: string; name?: string }): SimPriority | undefined;
}

export interface FieldLookup extends ValueLookup {
  renderUser(user: SimUser): unknown;
  renderPriority(priority: SimPriority): unknown;
  optionSelf(fieldId: string, optionId: string): string;
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

const ok = (value: unknown): ParseResult => ({ ok: true, value });
const fail = (error: string): ParseResult => ({ ok: false, error });

export function parseFieldValue(def: SimFieldDef, input: unknown, lookup: ValueLookup): ParseResult {
  if (input === null) {
    return def.id === 'summary' ? fail('You must specify a summary of the issue.') : ok(null);
  }
  switch (def.kind) {
    case 'text':
      if (typeof input !== 'string') return fail('Operation value must be a string');
      if (def.id === 'summary' && input.trim() === '') return fail('You must specify a summary of the issue.');
      if (def.id === 'summary' && input.length > 255) return fail('Summary must be less than 255 characters.');
      return ok(input);
    case 'richtext':
      return isAdfDoc(input)
        ? ok(input)
        : fail('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
    case 'number':
      return typeof input === 'number' && Number.isFinite(input) ? ok(input) : fail('Operation value must be a number');
    case 'date':
      return typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input) && !Number.isNaN(Date.parse(input))
        ? ok(input)
        : fail(`Error parsing date string: ${String(input)}`);
    case 'datetime':
      return typeof input === 'string' && !Number.isNaN(Date.parse(input))
        ? ok(new Date(input).toISOString())
        : fail(`Error parsing date string: ${String(input)}`);
    case 'labels': {
      if (!Array.isArray(input) || input.some((l) => typeof l !== 'string'))
        return fail('Operation value must be an array of strings');
      const spaced = (input as string[]).find((l) => /\s/.test(l));
      if (spaced !== undefined) return fail(`The label '${spaced}' contains spaces which is invalid.`);
      return ok([...new Set(input as string[])]);
    }
    case 'select': {
      const ref = input as { id?: unknown; value?: unknown };
      if (typeof input !== 'object') return fail("Could not find valid 'id' or 'value' in the Parent Option object.");
      const option = def.options?.find((o) => (ref.id !== undefined ? o.id === String(ref.id) : o.value === ref.value));
      if (!option || option.disabled) {
        return fail(
          ref.id !== undefined
            ? `Option id '${String(ref.id)}' is not valid`
            : `Option value '${String(ref.value)}' is not valid`,
        );
      }
      return ok(option.id);
    }
    case 'user': {
      const ref = input as { accountId?: unknown; id?: unknown };
      const accountId = typeof input === 'object' ? String(ref.accountId ?? ref.id ?? '') : '';
      return lookup.user(accountId)
        ? ok(accountId)
        : fail('Specified user does not exist or you do not have required permissions');
    }
    case 'priority': {
      const ref = (typeof input === 'object' ? input : {}) as { id?: string; name?: string };
      const priority = lookup.priority(ref);
      return priority ? ok(priority.id) : fail(`Specify a valid 'id' or 'name' for Priority`);
    }
    default:
      return fail(`Field '${def.id}' cannot be set. It is not on the appropriate screen, or unknown.`);
  }
}

export function renderFieldValue(def: SimFieldDef, value: unknown, lookup: FieldLookup): unknown {
  if (value === undefined || value === null) return def.id === 'labels' ? [] : null;
  switch (def.kind) {
    case 'select': {
      const option = def.options?.find((o) => o.id === value);
      return option ? { self: lookup.optionSelf(def.id, option.id), value: option.value, id: option.id } : null;
    }
    case 'user': {
      const user = lookup.user(String(value));
      return user ? lookup.renderUser(user) : null;
    }
    case 'priority': {
      const priority = lookup.priority({ id: String(value) });
      return priority ? lookup.renderPriority(priority) : null;
    }
    default:
      return value;
  }
}

/** The `from`/`fromString` (or `to`/`toString`) pair Jira writes in changelog items. */
export function describeFieldValue(
  def: SimFieldDef,
  value: unknown,
  lookup: ValueLookup,
): { raw: string | null; text: string | null } {
  if (value === undefined || value === null) return { raw: null, text: null };
  switch (def.kind) {
    case 'select':
      return { raw: String(value), text: def.options?.find((o) => o.id === value)?.value ?? null };
    case 'user':
      return { raw: String(value), text: lookup.user(String(value))?.displayName ?? null };
    case 'priority':
      return { raw: String(value), text: lookup.priority({ id: String(value) })?.name ?? null };
    case 'richtext':
      return { raw: null, text: adfToText(value as AdfDoc) };
    case 'labels':
      return { raw: null, text: (value as string[]).join(' ') };
    case 'number':
    case 'date':
    case 'datetime':
      return { raw: String(value), text: String(value) };
    default:
      return { raw: null, text: String(value) };
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
