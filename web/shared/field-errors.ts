/** Maps the server's 422 `error.fields[]` (paths like "mappings.2.owner") onto form fields. */
import type { FieldError } from '../../server/contract/common';

export type FieldErrors = ReadonlyArray<FieldError>;

/** The message for exactly this path (e.g. "rule.value"), if any. */
export function errorFor(errors: FieldErrors, path: string): string | undefined {
  return errors.find((e) => e.field === path)?.message;
}

/** Errors at or below a path prefix ("mappings.2" matches "mappings.2.owner"). */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldError[] {
  return errors.filter((e) => e.field === prefix || e.field.startsWith(`${prefix}.`));
}
