/** How Zoho and Jira values read as text, independent of their object shape. */
import { isAdfDoc } from './adf';
import { adfToText } from './adf-to-html';

/** The display strings of a value, most readable first: for {id, value} objects both. */
export function valueStrings(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(valueStrings);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = [
      'value',
      'name',
      'display_value',
      'displayName',
      'full_name',
      'email',
      'emailAddress',
      'id',
      'zpuid',
      'accountId',
    ];
    return keys.filter((k) => typeof o[k] === 'string' || typeof o[k] === 'number').map((k) => String(o[k]));
  }
  return [];
}

/** The one display string of a single (non-array) value, or null when empty. */
export function displayValue(value: unknown): string | null {
  if (Array.isArray(value)) {
    const parts = value.map(displayValue).filter((s): s is string => s !== null);
    return parts.length ? parts.join(', ') : null;
  }
  return valueStrings(value)[0] ?? null;
}

/** null, undefined, '', whitespace, [] and {} with no display value are all "empty". */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmptyValue);
  if (isAdfDoc(value)) return adfToText(value).trim() === '';
  if (typeof value === 'object') return valueStrings(value).length === 0;
  return false;
}
