/**
 * Conditional Sync Rules: evaluate one Zoho field of a record, then decide the Jira status and
 * whether auto-create may create an issue. Rules take precedence over generic status sync.
 */
import type { ConditionalSyncRule, ZohoField, ZohoRecord } from './model';
import { zohoFieldValue } from './record-fields';
import { isEmptyValue, valueStrings } from './values/display';

export type RuleOutcome = 'met' | 'not_met';

/** The strings a value can be compared by: display values and ids, plus picklist option ids/values. */
function comparableStrings(value: unknown, field?: ZohoField): string[] {
  const strings = valueStrings(value).map((s) => s.trim().toLowerCase());
  for (const option of field?.options ?? []) {
    if (strings.includes(option.id.toLowerCase()) || strings.includes(option.value.toLowerCase())) {
      strings.push(option.id.toLowerCase(), option.value.toLowerCase());
    }
  }
  return strings;
}

export function evaluateRule(
  rule: ConditionalSyncRule,
  record: ZohoRecord,
  fields?: readonly ZohoField[],
): RuleOutcome {
  const field = fields?.find((f) => f.id === rule.zohoFieldId);
  const value = zohoFieldValue(record, rule.zohoFieldId);
  const expected = (rule.value ?? '').trim().toLowerCase();
  let met: boolean;
  switch (rule.operator) {
    case 'is_empty':
      met = isEmptyValue(value);
      break;
    case 'is_not_empty':
      met = !isEmptyValue(value);
      break;
    case 'equals':
      met = comparableStrings(value, field).includes(expected);
      break;
    case 'not_equals':
      met = !comparableStrings(value, field).includes(expected);
      break;
  }
  return met ? 'met' : 'not_met';
}

export interface RuleDecision {
  outcome: RuleOutcome | 'no_rule';
  /** The Jira status the rule sends the issue to; null when no rule applies or none is configured. */
  targetJiraStatusId: string | null;
  targetJiraStatusName?: string;
  autoCreateAllowed: boolean;
}

export function ruleDecision(
  rule: ConditionalSyncRule | null | undefined,
  record: ZohoRecord,
  fields?: readonly ZohoField[],
): RuleDecision {
  if (!rule || rule.enabled === false) return { outcome: 'no_rule', targetJiraStatusId: null, autoCreateAllowed: true };
  if (evaluateRule(rule, record, fields) === 'met') {
    return {
      outcome: 'met',
      targetJiraStatusId: rule.metJiraStatusId,
      targetJiraStatusName: rule.metJiraStatusName,
      autoCreateAllowed: true,
    };
  }
  return {
    outcome: 'not_met',
    targetJiraStatusId: rule.notMetJiraStatusId ?? null,
    targetJiraStatusName: rule.notMetJiraStatusId ? rule.notMetJiraStatusName : undefined,
    autoCreateAllowed: rule.createIssueWhenNotMet === true,
  };
}

/** Whether an enabled rule governs Jira status for this SCI (generic status sync then stands aside). */
export function ruleGovernsStatus(rule: ConditionalSyncRule | null | undefined): boolean {
  return !!rule && rule.enabled !== false;
}
