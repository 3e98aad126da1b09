/**
 * Canonical forms of field values for change detection. Jira returns richer shapes than we send
 * (options carry self/id/value, ADF gains attrs), so both our converted value and the stored one
 * are reduced to the same canonical form before comparing or hashing.
 */
import type { JiraField, ZohoField } from '../model';
import { isAdfDoc } from './adf';
import { adfToHtml } from './adf-to-html';
import { toEpochMs, toIsoDate } from './dates';
import { displayValue, isEmptyValue, valueStrings } from './display';
import { valueHash } from './hash';
import { htmlToAdf } from './html-to-adf';

function lower(s: string | null): string | null {
  return s === null ? null : s.trim().toLowerCase();
}

function jiraOptionKey(value: unknown, field: JiraField): string | null {
  if (isEmptyValue(value)) return null;
  const o = (typeof value === 'object' ? value : { value }) as { id?: string; value?: string; name?: string };
  const text = o.value ?? o.name ?? field.allowedValues?.find((a) => a.id === o.id)?.value;
  return text !== undefined ? text.trim().toLowerCase() : `id:${o.id}`;
}

export function comparableJira(value: unknown, field: JiraField): unknown {
  if (isEmptyValue(value)) return field.type === 'labels' || field.type === 'array' ? [] : null;
  switch (field.type) {
    case 'string':
    case 'text':
      return String(displayValue(value)).replace(/\s+/g, ' ').trim();
    case 'adf': {
      const html = isAdfDoc(value) ? adfToHtml(value) : adfToHtml(htmlToAdf(String(value)));
      return html === '' ? null : html;
    }
    case 'number':
      return Number(value);
    case 'date':
      return toIsoDate(value);
    case 'datetime':
      return toEpochMs(value);
    case 'option':
    case 'priority':
      return jiraOptionKey(value, field);
    case 'array':
      return (Array.isArray(value) ? value : [value]).map((v) => jiraOptionKey(v, field)).sort();
    case 'labels':
      return (Array.isArray(value) ? value.map(String) : []).sort();
    case 'user':
      return (value as { accountId?: string }).accountId ?? null;
    case 'status':
      return (value as { id?: string }).id ?? null;
    default:
      return typeof value === 'object' ? valueStrings(value) : value;
  }
}

export function comparableZoho(value: unknown, field: ZohoField): unknown {
  if (isEmptyValue(value)) return ['multipicklist', 'multiuser', 'tags'].includes(field.type) ? [] : null;
  switch (field.type) {
    case 'text':
      return String(displayValue(value)).replace(/\s+/g, ' ').trim();
    case 'html':
      return typeof value === 'string' ? adfToHtml(htmlToAdf(value)) : displayValue(value);
    case 'number':
    case 'decimal':
    case 'percent':
      return parseFloat(String(displayValue(value)).replace(/[%,\s]/g, ''));
    case 'date':
      return toIsoDate(typeof value === 'object' ? displayValue(value) : value);
    case 'datetime':
      return toEpochMs(value);
    case 'boolean':
      return value === true || String(value).toLowerCase() === 'true';
    case 'picklist':
    case 'priority':
      return lower(displayValue(value));
    case 'status':
      return (value as { id?: string }).id ?? lower(displayValue(value));
    case 'multipicklist':
    case 'tags':
      return (Array.isArray(value) ? value : [value]).map((v) => lower(displayValue(v))).sort();
    case 'user':
    case 'multiuser':
      return (Array.isArray(value) ? value : [value]).map(userKey).sort();
    default:
      return typeof value === 'object' ? valueStrings(value) : value;
  }
}

function userKey(user: unknown): string {
  if (typeof user === 'string') return user;
  const u = user as Record<string, unknown>;
  return String(u.zpuid ?? u.id ?? u.email ?? displayValue(user));
}

/** Hash of a Jira-side value in canonical form (baselines, echo receipts of Zoho→Jira writes). */
export function jiraSideHash(value: unknown, field: JiraField): string {
  return valueHash(comparableJira(value, field));
}

/** Hash of a Zoho-side value in canonical form (baselines, echo receipts of Jira→Zoho writes). */
export function zohoSideHash(value: unknown, field: ZohoField): string {
  return valueHash(comparableZoho(value, field));
}
