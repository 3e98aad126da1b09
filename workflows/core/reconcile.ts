/**
 * Reconciliation: do both sides of one link agree with the field owners? A drift is a mapped field
 * whose Zoho and Jira values differ although the owners say they should match — a Zoho edit the
 * incremental cursor missed, a Jira event lost while everything was down. The answer names the
 * direction the repair must take; the repair itself goes through the ordinary planners
 * (planZohoToJira / planJiraToZoho), so reconciliation never has a second idea of who wins.
 */
import type { SyncBaseline } from './conflict';
import { keepsJiraValue } from './conflict';
import { mappingsFlowing, type SyncDirection } from './mapping';
import type { JiraField, JiraIssue, SmartConnectedItem, ZohoField, ZohoRecord } from './model';
import { zohoFieldValue } from './record-fields';
import { SYNC_MODE_CAPABILITIES } from './capabilities';
import { jiraSideHash, zohoSideHash } from './values/comparable';
import { toJira, toZoho, type ValueContext } from './values/convert';
import { isEmptyValue } from './values/display';
import { indexById, jiraFieldMeta, zohoFieldMeta } from './values/field-defaults';

export interface FieldDrift {
  /** Jira field id of the mapping. */
  field: string;
  /** Which way the repair writes: the owner's value is carried to the other side. */
  direction: SyncDirection;
  reason: string;
}

export interface LinkDriftInput {
  sci: Pick<SmartConnectedItem, 'mode' | 'enabled' | 'mappings'>;
  record: ZohoRecord;
  issue: JiraIssue;
  baseline?: SyncBaseline;
  jiraFields?: readonly JiraField[];
  zohoFields?: readonly ZohoField[];
  ctx?: ValueContext;
}

export interface LinkDrift {
  drifts: FieldDrift[];
  /** The Jira field ids a Jira → Zoho repair must carry (the "changed fields" of a lost event). */
  jiraToZohoFields: string[];
  zohoToJira: boolean;
}

const NONE: LinkDrift = { drifts: [], jiraToZohoFields: [], zohoToJira: false };

/** Compares one link's two sides field by field against the owners; pure. */
export function linkDrift(input: LinkDriftInput): LinkDrift {
  const { sci, record, issue } = input;
  if (!SYNC_MODE_CAPABILITIES[sci.mode].synchronized || !sci.enabled) return NONE;
  const baseline = input.baseline ?? {};
  const jiraFields = indexById(input.jiraFields);
  const zohoFields = indexById(input.zohoFields);
  const flowsBack = new Set(mappingsFlowing(sci, 'jira_to_zoho').map((m) => m.jiraFieldId));
  const toJiraSide = new Set(mappingsFlowing(sci, 'zoho_to_jira').map((m) => m.jiraFieldId));
  const drifts: FieldDrift[] = [];

  for (const m of sci.mappings) {
    const f = m.jiraFieldId;
    const zohoOwns = toJiraSide.has(f);
    const jiraOwns = flowsBack.has(f);
    if (!zohoOwns && !jiraOwns) continue; // nobody writes this mapping
    const jf = jiraFieldMeta(f, jiraFields);
    const zf = zohoFieldMeta(m.zohoFieldId, zohoFields);
    const zohoValue = zohoFieldValue(record, m.zohoFieldId);
    const jiraValue = issue.fields[f];
    const jHash = jiraSideHash(jiraValue, jf);
    const zHash = zohoSideHash(zohoValue, zf);
    const asJira = toJira(zohoValue, zf, jf, input.ctx);
    if (asJira.ok && jiraSideHash(asJira.value, jf) === jHash) continue;
    const asZoho = zf.writable ? toZoho(jiraValue, jf, zf, input.ctx) : undefined;
    if (asZoho?.ok && zohoSideHash(asZoho.value, zf) === zHash) continue;
    const base = baseline[f];
    // The first sync kept the Jira value over an empty Zoho field on purpose: agreed, not drift.
    if (keepsJiraValue(base, zHash, isEmptyValue(zohoValue), isEmptyValue(jiraValue))) continue;

    if (zohoOwns && !jiraOwns) {
      if (asJira.ok) drifts.push({ field: f, direction: 'zoho_to_jira', reason: 'Zoho owns it; Jira differs.' });
      continue;
    }
    if (jiraOwns && !zohoOwns) {
      if (asZoho?.ok) drifts.push({ field: f, direction: 'jira_to_zoho', reason: 'Jira owns it; Zoho differs.' });
      continue;
    }
    // Both own it: the side that changed since the last sync is the one to carry over.
    const zohoChanged = base?.zohoHash !== zHash;
    const jiraChanged = base?.jiraHash !== jHash;
    if (jiraChanged && !zohoChanged) {
      if (asZoho?.ok)
        drifts.push({ field: f, direction: 'jira_to_zoho', reason: 'Only Jira changed it since the last sync.' });
    } else if (zohoChanged) {
      drifts.push({
        field: f,
        direction: 'zoho_to_jira',
        reason: jiraChanged
          ? 'Both sides changed it since the last sync; the later change wins.'
          : 'Only Zoho changed it since the last sync.',
      });
    }
  }
  return {
    drifts,
    jiraToZohoFields: drifts.filter((d) => d.direction === 'jira_to_zoho').map((d) => d.field),
    zohoToJira: drifts.some((d) => d.direction === 'zoho_to_jira'),
  };
}
