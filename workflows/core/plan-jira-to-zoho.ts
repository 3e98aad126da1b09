/** Event-driven direction: a Jira issue update → one Zoho PATCH of Jira-owned fields and status. */
import { SYNC_MODE_CAPABILITIES, ZOHO_MODULE_CAPABILITIES } from './capabilities';
import { changesSince, resolveConflict } from './conflict';
import { isEcho, STATUS_FIELD } from './echo';
import { mappingsFlowing } from './mapping';
import { statusHash } from './plan-status';
import type { JiraToZohoInput, JiraToZohoPlan, PlanSkip } from './plan-types';
import { zohoFieldValue } from './record-fields';
import { ruleGovernsStatus } from './rules';
import { chooseZohoStatus } from './status-match';
import { jiraSideHash, zohoSideHash } from './values/comparable';
import { toZoho } from './values/convert';
import { zohoFieldWrite } from './values/user-changes';
import { indexById, jiraFieldMeta, zohoFieldMeta } from './values/field-defaults';

export function planJiraToZoho(input: JiraToZohoInput): JiraToZohoPlan {
  const { sci, issue, record, now } = input;
  const baseline = input.baseline ?? {};
  const receipts = input.receipts ?? [];
  const plan: JiraToZohoPlan = { conflicts: [], newBaseline: { ...baseline }, receipts: [], skipped: [] };
  const skip = (field: string, code: PlanSkip['code'], reason: string, unmappedUser?: true) =>
    plan.skipped.push({ field, code, reason, ...(unmappedUser ? { unmappedUser } : {}) });
  if (!SYNC_MODE_CAPABILITIES[sci.mode].synchronized) {
    skip('*', 'display_only', 'Display-only items never write.');
    return plan;
  }
  if (!sci.enabled) {
    skip('*', 'disabled', 'The Smart Connected Item is disabled.');
    return plan;
  }
  const changed = (id: string) => !input.changedFieldIds || input.changedFieldIds.includes(id);
  const jiraFields = indexById(input.jiraFields);
  const zohoFields = indexById(input.zohoFields);
  const patch: Record<string, unknown> = {};

  for (const m of mappingsFlowing(sci, 'jira_to_zoho')) {
    const f = m.jiraFieldId;
    if (!changed(f)) continue;
    const jf = jiraFieldMeta(f, jiraFields);
    const zf = zohoFieldMeta(m.zohoFieldId, zohoFields);
    const jiraValue = issue.fields[f];
    const jHash = jiraSideHash(jiraValue, jf);
    const base = baseline[f];
    if (isEcho(receipts, f, 'jira_to_zoho', jHash)) {
      skip(f, 'echo', 'The Jira value is the one the connector wrote from Zoho.');
      plan.newBaseline[f] = { ...base, zohoHash: base?.zohoHash, jiraHash: jHash };
      continue;
    }
    if (!zf.writable) {
      // Tags have their own API (a record PATCH refuses them): the connector reads, never writes them.
      skip(
        f,
        'conversion_failed',
        `the Zoho field "${zf.name}" is read-only for the connector; Zoho was left unchanged`,
      );
      continue;
    }
    const converted = toZoho(jiraValue, jf, zf, input.ctx);
    if (!converted.ok) {
      skip(f, 'conversion_failed', converted.reason, converted.unmappedUser);
      continue;
    }
    // Multi-user fields are written as add/remove changes that keep users nobody asked to change.
    const write = zohoFieldWrite(zf, converted.value, record ? zohoFieldValue(record, m.zohoFieldId) : undefined, base);
    const carried = write.zohoUsers ? { zohoUsers: write.zohoUsers } : {};
    const convHash = write.hash;
    if (record) {
      const zohoValue = zohoFieldValue(record, m.zohoFieldId);
      const zHash = zohoSideHash(zohoValue, zf);
      if (zHash === convHash || !('patch' in write)) {
        plan.newBaseline[f] = { zohoHash: zHash, jiraHash: jHash, ...carried };
        continue;
      }
      if (m.owner === 'both' && base) {
        const { zohoChanged, jiraChanged } = changesSince(base, zHash, jHash, false);
        if (!jiraChanged) {
          skip(
            f,
            zohoChanged ? 'zoho_changed_later' : 'unchanged',
            zohoChanged
              ? 'Only Zoho changed this two-way field; the scheduled sync carries it to Jira.'
              : 'Unchanged since the last sync.',
          );
          continue;
        }
        if (zohoChanged) {
          const { winner, conflict } = resolveConflict({
            field: f,
            zohoValue,
            jiraValue,
            zohoModifiedAt: record.modifiedAt,
            jiraUpdatedAt: issue.updated,
          });
          plan.conflicts.push(conflict);
          if (winner === 'zoho') {
            skip(f, 'conflict_lost', 'Both sides changed this field; Zoho changed it last, so Zoho wins.');
            continue;
          }
        }
      }
    }
    if (!('patch' in write)) continue;
    patch[zf.id] = write.patch;
    plan.receipts.push({ field: f, direction: 'jira_to_zoho', valueHash: convHash, writtenAt: now });
    plan.newBaseline[f] = { zohoHash: convHash, jiraHash: jHash, ...carried };
  }

  planStatus(input, plan, patch);
  if (Object.keys(patch).length) plan.patch = patch;
  return plan;
}

function planStatus(input: JiraToZohoInput, plan: JiraToZohoPlan, patch: Record<string, unknown>): void {
  const { sci, issue, record, now } = input;
  if (!sci.syncStatus) return;
  if (input.changedFieldIds && !input.changedFieldIds.includes('status')) return;
  const skip = (code: PlanSkip['code'], reason: string): void => {
    plan.skipped.push({ field: STATUS_FIELD, code, reason });
  };
  if (!ZOHO_MODULE_CAPABILITIES[sci.zohoModule].status)
    return skip('status_not_supported', 'This Zoho module has no status sync.');
  if (ruleGovernsStatus(sci.rule)) {
    return skip(
      'status_governed_by_rule',
      'A Conditional Sync Rule sets Jira status for this item, so Jira status is not pushed to Zoho.',
    );
  }
  const jHash = statusHash(issue.status.id);
  const base = (input.baseline ?? {})[STATUS_FIELD];
  if (isEcho(input.receipts ?? [], STATUS_FIELD, 'jira_to_zoho', jHash)) {
    plan.newBaseline[STATUS_FIELD] = { zohoHash: base?.zohoHash, jiraHash: jHash };
    return skip('echo', 'The Jira status is the one the connector set from Zoho.');
  }
  if (!input.zohoStatuses?.length)
    return skip('no_zoho_statuses', 'The Zoho statuses of this module are not known yet.');
  const choice = chooseZohoStatus(issue.status, input.zohoStatuses, record?.status);
  plan.status = choice;
  if (choice.kind === 'no_safe_status') return skip('no_safe_status', choice.reason);
  if (choice.kind === 'already') {
    if (record?.status) plan.newBaseline[STATUS_FIELD] = { zohoHash: statusHash(record.status.id), jiraHash: jHash };
    return;
  }
  patch.status = { id: choice.status.id };
  const written = statusHash(choice.status.id);
  plan.receipts.push({ field: STATUS_FIELD, direction: 'jira_to_zoho', valueHash: written, writtenAt: now });
  plan.newBaseline[STATUS_FIELD] = { zohoHash: written, jiraHash: jHash };
}
