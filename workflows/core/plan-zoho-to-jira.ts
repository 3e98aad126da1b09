/** Scheduled direction: a changed Zoho record → one Jira edit, a status target, and records. */
import { SYNC_MODE_CAPABILITIES, ZOHO_MODULE_CAPABILITIES } from './capabilities';
import { changesSince, keepsJiraValue, resolveConflict, type SyncBaseline } from './conflict';
import { isEcho, STATUS_FIELD, type WriteReceipt } from './echo';
import { mappingsFlowing } from './mapping';
import { statusHash } from './plan-status';
import type { PlanSkip, StatusPlanToJira, ZohoToJiraInput, ZohoToJiraPlan } from './plan-types';
import { zohoFieldValue } from './record-fields';
import { ruleDecision, ruleGovernsStatus } from './rules';
import { chooseJiraTransition, jiraTargetForZohoStatus } from './status-match';
import { jiraSideHash, zohoSideHash } from './values/comparable';
import { toJira, toZoho } from './values/convert';
import { carriedZohoUsers, writesUserChanges, zohoFieldWrite } from './values/user-changes';
import { isEmptyValue } from './values/display';
import { indexById, jiraFieldMeta, zohoFieldMeta } from './values/field-defaults';

/** The Jira fields the planner reads for an item: its mappings plus what status and scope need. */
export function issueFieldsToRead(sci: Pick<ZohoToJiraInput['sci'], 'mappings'>): string[] {
  return [...new Set([...sci.mappings.map((m) => m.jiraFieldId), 'status', 'updated', 'project', 'issuetype'])];
}

export function planZohoToJira(input: ZohoToJiraInput): ZohoToJiraPlan {
  const { sci, record, issue, now } = input;
  const baseline = input.baseline ?? {};
  const receipts = input.receipts ?? [];
  const plan: ZohoToJiraPlan = {
    conflicts: [],
    newBaseline: { ...baseline },
    receipts: [],
    skipped: [],
    mirror: { comments: false, attachments: false },
  };
  if (!SYNC_MODE_CAPABILITIES[sci.mode].synchronized) {
    plan.skipped.push({ field: '*', code: 'display_only', reason: 'Display-only items never write.' });
    return plan;
  }
  if (!sci.enabled) {
    plan.skipped.push({ field: '*', code: 'disabled', reason: 'The Smart Connected Item is disabled.' });
    return plan;
  }
  const module = ZOHO_MODULE_CAPABILITIES[sci.zohoModule];
  plan.mirror = {
    comments: sci.syncComments && module.comments,
    attachments: sci.syncAttachments && module.attachments,
  };
  const jiraFields = indexById(input.jiraFields);
  const zohoFields = indexById(input.zohoFields);
  const edit: Record<string, unknown> = {};
  const zohoPatch: Record<string, unknown> = {};
  const skip = (field: string, code: PlanSkip['code'], reason: string, unmappedUser?: true) =>
    plan.skipped.push({ field, code, reason, ...(unmappedUser ? { unmappedUser } : {}) });

  for (const m of mappingsFlowing(sci, 'zoho_to_jira')) {
    const f = m.jiraFieldId;
    const jf = jiraFieldMeta(f, jiraFields);
    const zf = zohoFieldMeta(m.zohoFieldId, zohoFields);
    const zohoValue = zohoFieldValue(record, m.zohoFieldId);
    const jiraValue = issue.fields[f];
    const zHash = zohoSideHash(zohoValue, zf);
    const jHash = jiraSideHash(jiraValue, jf);
    const base = baseline[f];
    const converted = toJira(zohoValue, zf, jf, input.ctx);
    if (!converted.ok) {
      skip(f, 'conversion_failed', converted.reason, converted.unmappedUser);
      continue;
    }
    const convHash = jiraSideHash(converted.value, jf);
    // Multi-user Zoho fields: which Zoho users the Jira value stands for (a later write may remove only those).
    const carried = writesUserChanges(zf)
      ? { zohoUsers: carriedZohoUsers(input.ctx?.users, zohoValue, converted.value) }
      : {};
    if (convHash === jHash) {
      plan.newBaseline[f] = { zohoHash: zHash, jiraHash: jHash, ...carried };
      continue;
    }
    if (isEcho(receipts, f, 'zoho_to_jira', zHash)) {
      skip(f, 'echo', 'The Zoho value is the one the connector wrote from Jira.');
      plan.newBaseline[f] = { ...base, zohoHash: zHash, jiraHash: base?.jiraHash ?? jHash };
      continue;
    }
    if (keepsJiraValue(base, zHash, isEmptyValue(zohoValue), isEmptyValue(jiraValue))) {
      // Two-way: the Jira value fills the empty Zoho field, so both sides agree from the start.
      const back = m.owner === 'both' && zf.writable ? toZoho(jiraValue, jf, zf, input.ctx) : undefined;
      if (back?.ok) {
        const w = zohoFieldWrite(zf, back.value, zohoValue, base);
        if ('patch' in w) zohoPatch[zf.id] = w.patch;
        plan.receipts.push(receipt(f, 'jira_to_zoho', w.hash, now));
        plan.newBaseline[f] = { zohoHash: w.hash, jiraHash: jHash, ...(w.zohoUsers ? { zohoUsers: w.zohoUsers } : {}) };
      } else {
        plan.newBaseline[f] = { zohoHash: zHash, jiraHash: jHash, keptJiraValue: true };
      }
      skip(f, 'first_link_kept', 'Zoho has no value here; the first sync keeps the Jira value instead of clearing it.');
      continue;
    }
    if (m.owner === 'both') {
      const { zohoChanged, jiraChanged } = changesSince(base, zHash, jHash, false);
      if (!zohoChanged) {
        skip(
          f,
          jiraChanged ? 'jira_changed_later' : 'unchanged',
          jiraChanged
            ? 'Only Jira changed this two-way field; the Jira change is synced to Zoho.'
            : 'Unchanged since the last sync.',
        );
        continue;
      }
      if (jiraChanged) {
        const { winner, conflict } = resolveConflict({
          field: f,
          zohoValue,
          jiraValue,
          zohoModifiedAt: record.modifiedAt,
          jiraUpdatedAt: issue.updated,
        });
        plan.conflicts.push(conflict);
        if (winner === 'jira') {
          const back = toZoho(jiraValue, jf, zf, input.ctx);
          if (back.ok && zf.writable) {
            const w = zohoFieldWrite(zf, back.value, zohoValue, base);
            if ('patch' in w) zohoPatch[zf.id] = w.patch;
            plan.receipts.push(receipt(f, 'jira_to_zoho', w.hash, now));
            plan.newBaseline[f] = {
              zohoHash: w.hash,
              jiraHash: jHash,
              ...(w.zohoUsers ? { zohoUsers: w.zohoUsers } : {}),
            };
          }
          skip(f, 'conflict_lost', 'Both sides changed this field; Jira changed it last, so Jira wins.');
          continue;
        }
      }
    }
    edit[f] = converted.value;
    plan.receipts.push(receipt(f, 'zoho_to_jira', convHash, now));
    plan.newBaseline[f] = { zohoHash: zHash, jiraHash: convHash, ...carried };
  }

  if (Object.keys(edit).length) plan.edit = { fields: edit };
  if (Object.keys(zohoPatch).length) plan.zohoPatch = zohoPatch;
  planStatus(input, plan, baseline, receipts);
  return plan;
}

function receipt(
  field: string,
  direction: WriteReceipt['direction'],
  valueHash: string,
  writtenAt: string,
): WriteReceipt {
  return { field, direction, valueHash, writtenAt };
}

function planStatus(
  input: ZohoToJiraInput,
  plan: ZohoToJiraPlan,
  baseline: SyncBaseline,
  receipts: readonly WriteReceipt[],
): void {
  const { sci, record, issue, now } = input;
  let status: StatusPlanToJira | undefined;
  if (ruleGovernsStatus(sci.rule)) {
    const decision = ruleDecision(sci.rule, record, input.zohoFields);
    if (!decision.targetJiraStatusId) return;
    status = { source: 'rule', target: { statusId: decision.targetJiraStatusId, name: decision.targetJiraStatusName } };
  } else {
    if (!sci.syncStatus || !record.status) return;
    if (!ZOHO_MODULE_CAPABILITIES[sci.zohoModule].status) return;
    const zHash = statusHash(record.status.id);
    const jHash = statusHash(issue.status.id);
    const base = baseline[STATUS_FIELD];
    const sameName = record.status.name.trim().toLowerCase() === issue.status.name.trim().toLowerCase();
    if (isEcho(receipts, STATUS_FIELD, 'zoho_to_jira', zHash)) {
      plan.skipped.push({
        field: STATUS_FIELD,
        code: 'echo',
        reason: 'The Zoho status is the one the connector set from Jira.',
      });
      plan.newBaseline[STATUS_FIELD] = { zohoHash: zHash, jiraHash: base?.jiraHash ?? jHash };
      return;
    }
    const { zohoChanged, jiraChanged } = changesSince(base, zHash, jHash, sameName);
    if (!zohoChanged) return;
    if (jiraChanged && base) {
      const { winner, conflict } = resolveConflict({
        field: STATUS_FIELD,
        zohoValue: record.status.name,
        jiraValue: issue.status.name,
        zohoModifiedAt: record.modifiedAt,
        jiraUpdatedAt: issue.updated,
      });
      plan.conflicts.push(conflict);
      if (winner === 'jira') {
        plan.skipped.push({
          field: STATUS_FIELD,
          code: 'conflict_lost',
          reason: 'Both sides changed status; Jira changed it last, so Jira wins.',
        });
        return;
      }
    }
    status = { source: 'status_sync', target: jiraTargetForZohoStatus(record.status) };
    plan.newBaseline[STATUS_FIELD] = { zohoHash: zHash, jiraHash: jHash };
  }
  plan.status = status;
  if (!input.transitions) return;
  const choice = chooseJiraTransition(status.target, issue.status, input.transitions);
  status.choice = choice;
  if (choice.kind === 'transition') {
    const written = statusHash(choice.to.id);
    plan.receipts.push(receipt(STATUS_FIELD, 'zoho_to_jira', written, now));
    if (record.status) plan.newBaseline[STATUS_FIELD] = { zohoHash: statusHash(record.status.id), jiraHash: written };
  } else if (choice.kind === 'no_safe_transition') {
    plan.skipped.push({ field: STATUS_FIELD, code: 'no_safe_transition', reason: choice.reason });
  }
}
