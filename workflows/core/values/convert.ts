/**
 * Value conversion between Zoho and Jira field types. Never throws: a value that cannot be
 * carried over returns `{ ok: false, reason }` so the planner can skip that field and say why.
 */
import type { JiraField, ZohoField } from '../model';
import { textToAdf, isAdfDoc } from './adf';
import { adfToHtml, adfToText } from './adf-to-html';
import { isoToZohoUsDate, toEpochMs, toIsoDate, toJiraDateTime } from './dates';
import { displayValue, isEmptyValue } from './display';
import { escapeHtml, htmlToText } from './html-parse';
import { htmlToAdf } from './html-to-adf';
import { jiraAccountForZohoUser, zohoUserForJiraUser, type UserDirectoryEntry } from './user-directory';
import { unmappedUserOutcome, type UnmappedUserSettings } from './user-policy';
import { JIRA_TO_ZOHO_PRIORITY, ZOHO_TO_JIRA_PRIORITY, labelFromTag, tagFromLabel } from './labels-priority';

/** `unmappedUser`: the value names a user with no counterpart and the item's policy asks for attention. */
export type ConversionResult = { ok: true; value: unknown } | { ok: false; reason: string; unmappedUser?: true };

export type { UserDirectoryEntry } from './user-directory';

export interface ValueContext {
  /** Built by buildUserDirectory from both sides' users; without it no user value converts. */
  users?: readonly UserDirectoryEntry[];
  /** The item's policy for users the directory cannot pair; absent means attention. */
  unmappedUsers?: UnmappedUserSettings;
  zohoTags?: ReadonlyArray<{ id: string; name: string }>;
  priority?: { zohoToJira?: Record<string, string>; jiraToZoho?: Record<string, string> };
  /** How Zoho wants dates written; V3 takes ISO "yyyy-MM-dd" (default). */
  zohoDateFormat?: 'iso' | 'MM-dd-yyyy';
}

const ok = (value: unknown): ConversionResult => ({ ok: true, value });
const fail = (reason: string): ConversionResult => ({ ok: false, reason });
const unmapped = (reason: string): ConversionResult => ({ ok: false, reason, unmappedUser: true });
const JIRA_STRING_MAX = 255;

function zohoText(value: unknown, field: ZohoField): string | null {
  if (field.type === 'html' && typeof value === 'string') return htmlToText(value) || null;
  return displayValue(value);
}

function jiraOption(text: string, field: JiraField): ConversionResult {
  if (!field.allowedValues?.length) return ok({ value: text });
  const match = field.allowedValues.find((o) => o.value.toLowerCase() === text.toLowerCase() || o.id === text);
  return match ? ok({ id: match.id }) : fail(`"${text}" is not an option of the Jira field "${field.name}"`);
}

/** Zoho value → Jira REST v3 field value (as used in PUT /issue `fields`). */
export function toJira(
  zohoValue: unknown,
  zohoField: ZohoField,
  jiraField: JiraField,
  ctx: ValueContext = {},
): ConversionResult {
  const empty = isEmptyValue(zohoValue);
  switch (jiraField.type) {
    case 'string': {
      const text = empty ? null : zohoText(zohoValue, zohoField);
      if (text === null && jiraField.id === 'summary') return fail('Jira requires a summary; the Zoho value is empty');
      return ok(text === null ? null : text.replace(/\s*\n\s*/g, ' ').slice(0, JIRA_STRING_MAX));
    }
    case 'text':
      return ok(empty ? null : zohoText(zohoValue, zohoField));
    case 'adf': {
      if (empty) return ok(null);
      if (zohoField.type === 'html' && typeof zohoValue === 'string') return ok(htmlToAdf(zohoValue));
      return ok(textToAdf(displayValue(zohoValue) ?? ''));
    }
    case 'number': {
      if (empty) return ok(null);
      const n =
        typeof zohoValue === 'number' ? zohoValue : parseFloat(String(displayValue(zohoValue)).replace(/[%,\s]/g, ''));
      return Number.isFinite(n) ? ok(n) : fail(`"${displayValue(zohoValue)}" is not a number`);
    }
    case 'date': {
      if (empty) return ok(null);
      const iso = toIsoDate(typeof zohoValue === 'object' ? displayValue(zohoValue) : zohoValue);
      return iso ? ok(iso) : fail(`"${displayValue(zohoValue)}" is not a date`);
    }
    case 'datetime': {
      if (empty) return ok(null);
      const ms = toEpochMs(zohoValue) ?? toEpochMs(`${toIsoDate(zohoValue) ?? ''}T00:00:00Z`);
      return ms === null ? fail(`"${displayValue(zohoValue)}" is not a date and time`) : ok(toJiraDateTime(ms));
    }
    case 'option':
      return empty
        ? ok(null)
        : jiraOption(displayValue(Array.isArray(zohoValue) ? zohoValue[0] : zohoValue)!, jiraField);
    case 'array': {
      const out: unknown[] = [];
      for (const item of Array.isArray(zohoValue) ? zohoValue : empty ? [] : [zohoValue]) {
        const text = displayValue(item);
        if (text === null) continue;
        const r = jiraOption(text, jiraField);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    }
    case 'user': {
      if (empty) return ok(null);
      // A Jira user field holds one person: the first Zoho owner who has a Jira user (owners the
      // connector keeps on a write — see user-changes.ts — may have none).
      const owners = Array.isArray(zohoValue) ? zohoValue : [zohoValue];
      const matches = owners.map((u) => jiraAccountForZohoUser(ctx.users, u));
      const match = matches.find((m) => m.ok) ?? matches[0];
      if (match.ok) return ok({ accountId: match.id });
      const outcome = unmappedUserOutcome(ctx.unmappedUsers, 'jira', match.reason);
      if (outcome.write === 'nobody') return ok(null);
      return outcome.write === 'default' ? ok({ accountId: outcome.id }) : unmapped(outcome.reason);
    }
    case 'labels': {
      const tags = Array.isArray(zohoValue) ? zohoValue : empty ? [] : String(displayValue(zohoValue)).split(',');
      const labels = tags.map((t) => labelFromTag(displayValue(t) ?? '')).filter(Boolean);
      return ok([...new Set(labels)]);
    }
    case 'priority': {
      if (empty) return fail('the Zoho priority is empty');
      const zoho = String(displayValue(zohoValue)).toLowerCase();
      const name = (ctx.priority?.zohoToJira ?? ZOHO_TO_JIRA_PRIORITY)[zoho];
      if (!name) return fail(`Zoho priority "${zoho}" has no Jira priority; left unchanged`);
      const allowed = jiraField.allowedValues?.find((o) => o.value.toLowerCase() === name.toLowerCase());
      return ok(allowed ? { id: allowed.id } : { name });
    }
    case 'status':
      return fail('Jira status is changed by status sync or a Conditional Sync Rule, not by a field mapping');
    default:
      return ok(empty ? null : typeof zohoValue === 'object' ? displayValue(zohoValue) : zohoValue);
  }
}

function jiraText(value: unknown): string | null {
  if (isAdfDoc(value)) return adfToText(value) || null;
  return displayValue(value);
}

/** Jira REST value → Zoho PATCH value for the field's type. */
export function toZoho(
  jiraValue: unknown,
  jiraField: JiraField,
  zohoField: ZohoField,
  ctx: ValueContext = {},
): ConversionResult {
  if (!zohoField.writable)
    return fail(
      zohoField.type === 'tags'
        ? 'Zoho tags are not a record field (they have their own API); the connector does not write them'
        : `the Zoho field "${zohoField.name}" is read-only`,
    );
  const empty = isEmptyValue(jiraValue);
  switch (zohoField.type) {
    case 'text':
      return ok(empty ? '' : jiraText(jiraValue));
    case 'html':
      if (empty) return ok('');
      return ok(
        isAdfDoc(jiraValue) ? adfToHtml(jiraValue) : escapeHtml(jiraText(jiraValue) ?? '').replace(/\n/g, '<br>'),
      );
    case 'number':
    case 'decimal':
    case 'percent': {
      if (empty) return ok(null);
      const n = typeof jiraValue === 'number' ? jiraValue : parseFloat(String(displayValue(jiraValue)));
      if (!Number.isFinite(n)) return fail(`"${displayValue(jiraValue)}" is not a number`);
      return ok(zohoField.type === 'number' ? Math.round(n) : n);
    }
    case 'date': {
      if (empty) return ok(null);
      const iso = toIsoDate(jiraValue);
      if (!iso) return fail(`"${displayValue(jiraValue)}" is not a date`);
      return ok(ctx.zohoDateFormat === 'MM-dd-yyyy' ? isoToZohoUsDate(iso) : iso);
    }
    case 'datetime': {
      if (empty) return ok(null);
      const ms = toEpochMs(jiraValue);
      return ms === null ? fail(`"${displayValue(jiraValue)}" is not a date and time`) : ok(new Date(ms).toISOString());
    }
    case 'boolean':
      return ok(!empty && !['false', 'no', '0'].includes(String(displayValue(jiraValue)).toLowerCase()));
    case 'picklist':
    case 'multipicklist': {
      const items = (Array.isArray(jiraValue) ? jiraValue : empty ? [] : [jiraValue])
        .map(displayValue)
        .filter((s): s is string => !!s);
      const out: string[] = [];
      for (const text of items) {
        const option = zohoField.options?.find((o) => o.value.toLowerCase() === text.toLowerCase());
        if (zohoField.options?.length && !option)
          return fail(`"${text}" is not an option of the Zoho field "${zohoField.name}"`);
        out.push(option ? option.value : text);
      }
      return ok(zohoField.type === 'picklist' ? (out[0] ?? null) : out);
    }
    case 'user':
    case 'multiuser': {
      const users = Array.isArray(jiraValue) ? jiraValue : empty ? [] : [jiraValue];
      // Field Types page: one user is {"zpuid": …}, several are [{"zpuid": …}] (never bare ids).
      const refs: Array<{ zpuid: string }> = [];
      for (const u of users) {
        const match = zohoUserForJiraUser(ctx.users, u);
        const outcome = match.ok ? undefined : unmappedUserOutcome(ctx.unmappedUsers, 'zoho', match.reason);
        if (outcome?.write === 'attention') return unmapped(outcome.reason);
        const zpuid = match.ok ? match.id : outcome?.write === 'default' ? outcome.id : undefined;
        if (zpuid && !refs.some((r) => r.zpuid === zpuid)) refs.push({ zpuid });
      }
      return ok(zohoField.type === 'user' ? (refs[0] ?? null) : refs);
    }
    case 'priority': {
      if (empty) return ok('none');
      const jira = String(displayValue(jiraValue)).toLowerCase();
      const zoho = (ctx.priority?.jiraToZoho ?? JIRA_TO_ZOHO_PRIORITY)[jira];
      return zoho ? ok(zoho) : fail(`Jira priority "${jira}" has no Zoho priority; left unchanged`);
    }
    case 'tags': {
      const labels = Array.isArray(jiraValue) ? jiraValue.map(String) : [];
      return ok(labels.map((l) => tagFromLabel(l, ctx.zohoTags)));
    }
    case 'status':
      return fail('Zoho status is changed by status sync, not by a field mapping');
    default:
      return ok(empty ? null : jiraText(jiraValue));
  }
}
