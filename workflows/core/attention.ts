/**
 * Why a record needs attention, with what to do about it in words. Three kinds: the status walk's
 * (no path to the target status, kept in Link.needsAttention and owned by the walk), and the
 * field writes' (a value Zoho or Jira refused, a user who cannot be mapped, kept as a list in
 * Link.attention). Separate owners, so a settled status never clears a refused value and a written
 * field never clears a stuck status. Pure: activities record, this decides what stays.
 */
import { z } from 'zod';
import type { PlanSkip } from './plan-types';

export const ATTENTION_KINDS = ['status', 'refusedValue', 'unmappedUser'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
export type AttentionDirection = 'zoho_to_jira' | 'jira_to_zoho';

/** One field-write reason, as Link.attention stores it. */
export const fieldAttentionSchema = z.object({
  kind: z.enum(['refusedValue', 'unmappedUser']),
  /** Jira field id of the mapping. */
  field: z.string(),
  fieldName: z.string().optional(),
  direction: z.enum(['zoho_to_jira', 'jira_to_zoho']),
  reason: z.string(),
  whatToDo: z.string(),
  /** ISO time it was last seen. */
  at: z.string(),
});
export type FieldAttention = z.infer<typeof fieldAttentionSchema>;

/** What the panel shows: every reason, status first. */
export interface AttentionReason {
  kind: AttentionKind;
  field: string;
  reason: string;
  whatToDo: string;
}

const WRITTEN = { zoho_to_jira: 'Jira', jira_to_zoho: 'Zoho Projects' } as const;
const SOURCE = { zoho_to_jira: 'Zoho Projects', jira_to_zoho: 'Jira' } as const;

export const STATUS_WHAT_TO_DO =
  'Fill in the fields the Jira transition screen requires (or give them defaults in the Jira workflow), or move the issue in Jira yourself; the connector tries again in each cycle and on Retry now.';

export function whatToDo(kind: FieldAttention['kind'], direction: AttentionDirection, field: string): string {
  if (kind === 'unmappedUser')
    return `Pair this user with their ${WRITTEN[direction]} account in the admin page under "User mapping" (or choose another policy for unmapped users in the item); the next sync of "${field}" writes the user and clears this.`;
  return `Change "${field}" in ${SOURCE[direction]} to a value ${WRITTEN[direction]} accepts, or allow the value in ${WRITTEN[direction]} (field options, screen, permissions); the next sync of the field writes it and clears this.`;
}

export function refusedValueAttention(
  service: 'Zoho' | 'Jira',
  field: string,
  message: string,
  at: string,
  fieldName?: string,
): FieldAttention {
  const direction: AttentionDirection = service === 'Jira' ? 'zoho_to_jira' : 'jira_to_zoho';
  const label = fieldName ?? field;
  return {
    kind: 'refusedValue',
    field,
    ...(fieldName ? { fieldName } : {}),
    direction,
    reason: `${service === 'Jira' ? 'Jira' : 'Zoho Projects'} refused the value of "${label}": ${message}`,
    whatToDo: whatToDo('refusedValue', direction, label),
    at,
  };
}

/** The planner's unmapped-user skips of one direction as attention reasons. */
export function unmappedUserAttention(
  skipped: readonly PlanSkip[],
  direction: AttentionDirection,
  at: string,
  nameOf: (field: string) => string | undefined = () => undefined,
): FieldAttention[] {
  return skipped
    .filter((s) => s.unmappedUser)
    .map((s) => {
      const fieldName = nameOf(s.field);
      return {
        kind: 'unmappedUser' as const,
        field: s.field,
        ...(fieldName ? { fieldName } : {}),
        direction,
        reason: s.reason,
        whatToDo: whatToDo('unmappedUser', direction, fieldName ?? s.field),
        at,
      };
    });
}

/**
 * The list after one attempt in `direction` over the `considered` fields: reasons of those fields
 * in that direction are replaced by what this attempt found (so a field written or a user mapped
 * clears itself); reasons of other fields or the other direction stay untouched.
 */
export function nextAttention(
  previous: readonly FieldAttention[],
  attempt: { direction: AttentionDirection; considered: readonly string[]; found: readonly FieldAttention[] },
): FieldAttention[] {
  const replaced = new Set([...attempt.considered, ...attempt.found.map((f) => f.field)]);
  const kept = previous.filter((p) => p.direction !== attempt.direction || !replaced.has(p.field));
  const found: FieldAttention[] = [];
  for (const f of attempt.found)
    if (!found.some((x) => x.kind === f.kind && x.field === f.field && x.direction === f.direction)) found.push(f);
  return [...kept, ...found];
}

/** Stored JSON → the list (anything malformed is dropped rather than shown wrong). */
export function parseFieldAttention(value: unknown): FieldAttention[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const r = fieldAttentionSchema.safeParse(v);
    return r.success ? [r.data] : [];
  });
}

/** Every reason a record needs attention, status first. */
export function attentionReasons(
  statusReason: string | null | undefined,
  fields: readonly FieldAttention[],
): AttentionReason[] {
  const out: AttentionReason[] = [];
  if (statusReason) out.push({ kind: 'status', field: 'status', reason: statusReason, whatToDo: STATUS_WHAT_TO_DO });
  for (const f of fields)
    out.push({ kind: f.kind, field: f.fieldName ?? f.field, reason: f.reason, whatToDo: f.whatToDo });
  return out;
}

export const sameAttention = (a: readonly FieldAttention[], b: readonly FieldAttention[]): boolean =>
  a.length === b.length &&
  a.every(
    (x, i) =>
      x.kind === b[i].kind && x.field === b[i].field && x.direction === b[i].direction && x.reason === b[i].reason,
  );
