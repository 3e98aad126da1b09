/**
 * One refused field must not lose the rest. A Zoho PATCH (or Jira edit) that the service refuses
 * for named fields is sent again without them — Zoho status on its own, so a second refusal among
 * the fields cannot take the status change with it — and the refused fields are reported with the
 * service's own message. A refusal that names no field we sent is a failure of the whole write.
 */
import { refusedValueAttention, type FieldAttention } from '../workflows/core/attention';
import { STATUS_FIELD } from '../workflows/core/echo';
import type { SyncBaseline } from '../workflows/core/conflict';
import type { WriteReceipt } from '../workflows/core/echo';
import type { SmartConnectedItem } from '../workflows/core/model';
import type { CycleError } from '../workflows/core/totals';
import { HttpFailure } from '../integrations/http/failures';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi, ZohoPatch, ZohoSource } from '../integrations/zoho/types';
import { refusedFields, type RefusedField } from '../integrations/zoho/writes';

export interface WriteOutcome {
  applied: string[];
  refused: RefusedField[];
}

const omit = (o: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

async function retryWithout(
  fields: Record<string, unknown>,
  refused: RefusedField[],
  again: (part: Record<string, unknown>) => Promise<WriteOutcome>,
  splitOff?: string,
): Promise<WriteOutcome> {
  const rest = omit(
    fields,
    refused.map((r) => r.field),
  );
  const parts =
    splitOff && splitOff in rest && Object.keys(rest).length > 1
      ? [omit(rest, [splitOff]), { [splitOff]: rest[splitOff] }]
      : [rest];
  const out: WriteOutcome = { applied: [], refused: [...refused] };
  for (const part of parts) {
    if (!Object.keys(part).length) continue;
    const r = await again(part);
    out.applied.push(...r.applied);
    out.refused.push(...r.refused);
  }
  return out;
}

/** PATCH a Zoho record; fields Zoho names in a 400 are dropped and the rest applied. */
export async function patchZohoKeepingOthers(
  zoho: ZohoApi,
  src: ZohoSource,
  id: string,
  patch: ZohoPatch,
): Promise<WriteOutcome> {
  try {
    await zoho.updateRecord(src, id, patch);
    return { applied: Object.keys(patch), refused: [] };
  } catch (err) {
    const refused = refusedFields(src.module, err, patch);
    if (!refused.length) throw err;
    return retryWithout(patch, refused, (part) => patchZohoKeepingOthers(zoho, src, id, part), 'status');
  }
}

/** Jira's 400 on edit: `{ errorMessages: [], errors: { field: message } }`. */
function jiraRefused(err: unknown, fields: Record<string, unknown>): RefusedField[] {
  if (!(err instanceof HttpFailure) || err.service !== 'jira' || err.status !== 400) return [];
  const errors = (err.apiBody as { errors?: unknown } | undefined)?.errors;
  if (!errors || typeof errors !== 'object') return [];
  return Object.entries(errors as Record<string, unknown>)
    .filter(([field]) => field in fields)
    .map(([field, message]) => ({ field, message: String(message) }));
}

/** PUT a Jira issue edit; fields Jira names in a 400 are dropped and the rest applied. */
export async function editJiraKeepingOthers(
  jira: JiraApi,
  issueId: string,
  fields: Record<string, unknown>,
): Promise<WriteOutcome> {
  try {
    await jira.editIssue(issueId, fields, { notifyUsers: false });
    return { applied: Object.keys(fields), refused: [] };
  } catch (err) {
    const refused = jiraRefused(err, fields);
    if (!refused.length) throw err;
    return retryWithout(fields, refused, (part) => editJiraKeepingOthers(jira, issueId, part));
  }
}

/** Jira field id of the mapping (or '@status') behind a refused key of the given side. */
export function mappedJiraField(sci: Pick<SmartConnectedItem, 'mappings'>, side: 'zoho' | 'jira', key: string) {
  if (key === 'status') return STATUS_FIELD;
  return side === 'jira' ? key : (sci.mappings.find((m) => m.zohoFieldId === key)?.jiraFieldId ?? key);
}

/**
 * A refused write was not made: its receipt must not suppress a later real change and its
 * baseline stays where it was, so the next sync tries again.
 */
export function forgetRefused(
  refusedJiraFields: readonly string[],
  direction: WriteReceipt['direction'],
  receipts: WriteReceipt[],
  newBaseline: SyncBaseline,
  oldBaseline: SyncBaseline,
): WriteReceipt[] {
  for (const f of refusedJiraFields) {
    if (oldBaseline[f]) newBaseline[f] = oldBaseline[f];
    else delete newBaseline[f];
  }
  return receipts.filter((r) => r.direction !== direction || !refusedJiraFields.includes(r.field));
}

export function refusedErrors(
  service: 'Zoho' | 'Jira',
  refused: readonly RefusedField[],
  where: Pick<CycleError, 'zohoRecordId' | 'jiraIssueKey'>,
): CycleError[] {
  return refused.map((r) => ({
    ...where,
    message: `${service} refused the field "${r.field}" (${r.message}); the other changes were applied`,
  }));
}

/** The refused fields as needs-attention reasons, keyed by the mapping's Jira field id. */
export function refusedAttention(
  sci: Pick<SmartConnectedItem, 'mappings'>,
  service: 'Zoho' | 'Jira',
  refused: readonly RefusedField[],
  at: string,
): FieldAttention[] {
  const side = service === 'Jira' ? 'jira' : 'zoho';
  return refused.map((r) => {
    const field = mappedJiraField(sci, side, r.field);
    const m = sci.mappings.find((x) => x.jiraFieldId === field);
    const name = (side === 'jira' ? m?.jiraFieldName : m?.zohoFieldName) ?? r.field;
    return refusedValueAttention(service, field, r.message, at, name);
  });
}
