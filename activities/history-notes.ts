/**
 * What the apply steps tell the history, in one call each: they pass what they already know (the
 * plan, what was applied or refused, the status move, the failure) and this builds the rows with the
 * pure workflows/core/history and queues them on ctx.history.
 */
import {
  failureHistory,
  fieldLabeller,
  historyValue,
  jiraToZohoHistory,
  zohoToJiraHistory,
  type HistoryDirection,
  type HistoryDraft,
} from '../workflows/core/history';
import type { JiraField, JiraIssue, SmartConnectedItem, ZohoField, ZohoRecord } from '../workflows/core/model';
import type { JiraToZohoPlan, ZohoToJiraPlan } from '../workflows/core/plan';
import { zohoFieldValue } from '../workflows/core/record-fields';
import { adfToText } from '../workflows/core/values/adf-to-html';
import { htmlToText } from '../workflows/core/values/html-parse';
import type { RefusedField } from '../integrations/zoho/writes';
import { errorText, type Ctx } from './context';
import type { HistoryLink } from './history-recorder';
import type { WriteOutcome } from './refused-fields';
import type { WalkResult } from './jira-status';

function refusedRows(
  service: 'Zoho' | 'Jira',
  direction: HistoryDirection,
  refused: readonly RefusedField[] | undefined,
  label: (f: string) => string,
): HistoryDraft[] {
  return (refused ?? []).map((r) =>
    failureHistory(direction, `${service} refused the value: ${r.message}`, label(r.field), 'refused'),
  );
}

/** What one Zoho → Jira sync of a link did, as syncLinkFromZoho collects it. */
export interface ZohoToJiraOutcome {
  jiraFields: readonly JiraField[];
  zohoFields: readonly ZohoField[];
  edit?: WriteOutcome;
  patch?: WriteOutcome;
  walk?: WalkResult;
}

export function noteZohoToJira(
  ctx: Ctx,
  link: HistoryLink,
  o: ZohoToJiraOutcome & { sci: SmartConnectedItem; plan: ZohoToJiraPlan; issue: JiraIssue; record: ZohoRecord },
): void {
  const jiraLabel = fieldLabeller(o.jiraFields);
  const zohoLabel = fieldLabeller(o.zohoFields);
  ctx.history.note(link, [
    ...zohoToJiraHistory({
      sci: o.sci,
      plan: o.plan,
      jiraBefore: o.issue.fields,
      zohoBefore: (id) => zohoFieldValue(o.record, id),
      appliedJira: o.edit?.applied ?? [],
      appliedZoho: o.patch?.applied ?? [],
      ...(o.walk?.reached ? { statusMove: { from: o.issue.status.name, to: o.walk.reached.name } } : {}),
      jiraLabel,
      zohoLabel,
    }),
    ...refusedRows('Jira', 'zoho_to_jira', o.edit?.refused, jiraLabel),
    ...refusedRows('Zoho', 'jira_to_zoho', o.patch?.refused, zohoLabel),
    ...stuckRows(o.walk),
  ]);
}

/** A status Jira's workflow offers no safe path to: a failure the user can retry once the workflow allows it. */
export function stuckRows(walk: WalkResult | undefined): HistoryDraft[] {
  if (walk?.outcome.kind !== 'no_safe_transition') return [];
  return [failureHistory('zoho_to_jira', walk.outcome.reason, 'Status', 'no_safe_transition')];
}

export function noteJiraToZoho(
  ctx: Ctx,
  link: HistoryLink,
  o: {
    sci: SmartConnectedItem;
    plan: JiraToZohoPlan;
    record: ZohoRecord;
    jiraFields: readonly JiraField[];
    zohoFields: readonly ZohoField[];
    patch?: WriteOutcome;
  },
): void {
  const jiraLabel = fieldLabeller(o.jiraFields);
  const zohoLabel = fieldLabeller(o.zohoFields);
  ctx.history.note(link, [
    ...jiraToZohoHistory({
      sci: o.sci,
      plan: o.plan,
      zohoBefore: (id) => zohoFieldValue(o.record, id),
      appliedZoho: o.patch?.applied ?? [],
      statusBefore: o.record.status?.name ?? null,
      zohoLabel,
      jiraLabel,
    }),
    ...refusedRows('Zoho', 'jira_to_zoho', o.patch?.refused, zohoLabel),
  ]);
}

/** A link's sync failed (after retries, or for good): the reason in words. */
export function noteFailure(ctx: Ctx, link: HistoryLink, direction: HistoryDirection | null, err: unknown): void {
  ctx.history.note(link, [failureHistory(direction, errorText(err))]);
}

/** A comment or attachment copied to the other side. */
export function noteCopied(
  ctx: Ctx,
  link: HistoryLink,
  kind: 'comment' | 'attachment',
  direction: HistoryDirection,
  what: string,
): void {
  ctx.history.note(link, [
    { direction, kind, field: null, from: null, to: historyValue(what), why: null, detail: null },
  ]);
}

/** An unsettled status walked on by a later cycle (only a move is worth a row; a stuck walk was noted once). */
export function noteSettled(ctx: Ctx, link: HistoryLink, from: string, walk: WalkResult): void {
  if (!walk.reached) return;
  ctx.history.note(link, [
    {
      direction: 'zoho_to_jira',
      kind: 'status_transition',
      field: 'Status',
      from: historyValue(from),
      to: historyValue(walk.reached.name),
      why: 'status_sync',
      detail: 'Walked on through the Jira workflow toward the Zoho status.',
    },
  ]);
}

/** A copied comment as one line: who wrote it and how it starts. */
export function commentLine(author: string | null | undefined, body: unknown): string {
  const text = typeof body === 'string' ? htmlToText(body) : adfToText(body);
  return author ? `${author}: ${text}` : text;
}

/** The issue auto-create made (or found from an earlier attempt) for a Zoho record, now linked. */
export function noteCreated(ctx: Ctx, link: HistoryLink, kind: string, issueKey: string, name: string): void {
  ctx.history.note(link, [
    {
      direction: 'zoho_to_jira',
      kind: 'create',
      field: null,
      from: null,
      to: historyValue(`${issueKey} ${name}`),
      why: 'auto_create',
      detail:
        kind === 'created'
          ? 'Auto-create made this Jira issue for the Zoho record.'
          : 'Auto-create linked the issue an earlier attempt made.',
    },
  ]);
}

/** A manual link made or removed in the panel. */
export function noteLinkChange(ctx: Ctx, link: HistoryLink, kind: 'link' | 'unlink', record: string): void {
  ctx.history.note(link, [
    {
      direction: null,
      kind,
      field: null,
      from: kind === 'unlink' ? historyValue(record) : null,
      to: kind === 'link' ? historyValue(record) : null,
      why: 'manual',
      detail: kind === 'link' ? 'Linked in the issue panel.' : 'Unlinked in the issue panel.',
    },
  ]);
}
