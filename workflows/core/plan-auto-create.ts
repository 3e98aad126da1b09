/** Auto-create: whether a new Zoho record becomes a Jira issue, with which fields and status. */
import { SYNC_MODE_CAPABILITIES, ZOHO_MODULE_CAPABILITIES } from './capabilities';
import { mappingsFlowing } from './mapping';
import type { AutoCreateInput, AutoCreatePlan } from './plan-types';
import { zohoFieldValue } from './record-fields';
import { ruleDecision, ruleGovernsStatus } from './rules';
import { jiraTargetForZohoStatus } from './status-match';
import { jiraSideHash, zohoSideHash } from './values/comparable';
import { toJira } from './values/convert';
import { isEmptyValue } from './values/display';
import { indexById, jiraFieldMeta, zohoFieldMeta } from './values/field-defaults';

export function planAutoCreate(input: AutoCreateInput): AutoCreatePlan {
  const { sci, record, now } = input;
  const plan: AutoCreatePlan = { create: false, reason: '', fields: {}, newBaseline: {}, receipts: [], skipped: [] };
  const no = (reason: string): AutoCreatePlan => ({ ...plan, reason });
  if (!SYNC_MODE_CAPABILITIES[sci.mode].autoCreate) return no('Display-only items never create Jira issues.');
  if (!sci.enabled) return no('The Smart Connected Item is disabled.');
  if (!sci.autoCreate) return no('Auto-create is off for this Smart Connected Item.');
  if (!ZOHO_MODULE_CAPABILITIES[sci.zohoModule].autoCreate)
    return no('Auto-create supports Zoho Tasks and Issues only.');
  if (!sci.jiraIssueTypeId || sci.jiraProjectIds.length !== 1)
    return no('The item has no single Jira project and issue type.');

  const decision = ruleDecision(sci.rule, record, input.zohoFields);
  if (!decision.autoCreateAllowed) {
    return no(
      'The record does not meet the Conditional Sync Rule and "Create Jira issue when rule is not met" is off.',
    );
  }

  const jiraFields = indexById(input.jiraFields);
  const zohoFields = indexById(input.zohoFields);
  const fields: Record<string, unknown> = {
    project: { id: sci.jiraProjectIds[0] },
    issuetype: { id: sci.jiraIssueTypeId },
  };
  for (const m of mappingsFlowing(sci, 'zoho_to_jira')) {
    const jf = jiraFieldMeta(m.jiraFieldId, jiraFields);
    const zf = zohoFieldMeta(m.zohoFieldId, zohoFields);
    const zohoValue = zohoFieldValue(record, m.zohoFieldId);
    const converted = toJira(zohoValue, zf, jf, input.ctx);
    if (!converted.ok) {
      plan.skipped.push({
        field: m.jiraFieldId,
        code: 'conversion_failed',
        reason: converted.reason,
        ...(converted.unmappedUser ? { unmappedUser: converted.unmappedUser } : {}),
      });
      continue;
    }
    const jHash = jiraSideHash(converted.value, jf);
    plan.newBaseline[m.jiraFieldId] = { zohoHash: zohoSideHash(zohoValue, zf), jiraHash: jHash };
    plan.receipts.push({ field: m.jiraFieldId, direction: 'zoho_to_jira', valueHash: jHash, writtenAt: now });
    if (!isEmptyValue(converted.value)) fields[m.jiraFieldId] = converted.value;
  }
  if (isEmptyValue(fields.summary))
    fields.summary = (record.name || record.key || `Zoho record ${record.id}`).slice(0, 255);

  const result: AutoCreatePlan = { ...plan, create: true, fields, reason: '' };
  if (decision.outcome === 'met') result.reason = 'The record meets the Conditional Sync Rule.';
  else if (decision.outcome === 'not_met')
    result.reason =
      'The record does not meet the rule; created because "Create Jira issue when rule is not met" is on.';
  else result.reason = 'New Zoho record for an auto-create item.';
  if (decision.targetJiraStatusId) result.initialStatusId = decision.targetJiraStatusId;
  else if (!ruleGovernsStatus(sci.rule) && sci.syncStatus && record.status) {
    result.initialStatus = jiraTargetForZohoStatus(record.status);
  }
  return result;
}
