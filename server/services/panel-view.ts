/**
 * What the issue panel shows: which Smart Connected Items apply to an issue (display-only by
 * project; synchronized by project AND issue type), and each linked record's preview.
 */
import type { Link } from '../../store/prisma';
import type { ZohoApi, ZohoSource } from '../../integrations/zoho/types';
import { attentionReasons, parseFieldAttention } from '../../workflows/core/attention';
import { SYNC_MODE_CAPABILITIES } from '../../workflows/core/capabilities';
import type { ZohoField, ZohoRecord } from '../../workflows/core/model';
import { zohoFieldValue } from '../../workflows/core/record-fields';
import { displayValue } from '../../workflows/core/values/display';
import { htmlToText } from '../../workflows/core/values/html-parse';
import type { PanelItem, RecordSummary } from '../contract/panel';
import type { ItemRow } from './item-store';

export const AUTO_LINK_REASON =
  'This link was created automatically by the scheduler for a synchronized item. It cannot be unlinked or replaced from the issue panel.';

/** Fields shown when a synchronized item maps none. */
const DEFAULT_PREVIEW_FIELDS = ['status', 'owners', 'priority', 'end_date'];
const MAX_VALUE_CHARS = 500;

export interface IssueScope {
  projectId: string;
  issueTypeId: string | null;
}

export function appliesTo(
  sci: Pick<ItemRow, 'mode' | 'jiraProjectIds' | 'jiraIssueTypeId' | 'enabled'>,
  scope: IssueScope,
): boolean {
  if (!sci.enabled || !sci.jiraProjectIds.includes(scope.projectId)) return false;
  if (!SYNC_MODE_CAPABILITIES[sci.mode].synchronized) return true;
  return sci.jiraIssueTypeId !== null && sci.jiraIssueTypeId === scope.issueTypeId;
}

export function sourceOfRow(
  sci: Pick<ItemRow, 'zohoPortalId' | 'zohoPortalName' | 'zohoProjectId' | 'zohoModule'>,
): ZohoSource {
  return {
    portalId: sci.zohoPortalId,
    portalName: sci.zohoPortalName ?? undefined,
    projectId: sci.zohoProjectId,
    module: sci.zohoModule,
  };
}

export function previewFieldIds(sci: ItemRow): string[] {
  const ids = SYNC_MODE_CAPABILITIES[sci.mode].synchronized
    ? sci.mappings.map((m) => m.zohoFieldId)
    : sci.displayFields;
  return [...new Set(ids.length ? ids : DEFAULT_PREVIEW_FIELDS)];
}

function readable(value: unknown, field: ZohoField | undefined): string {
  let text = displayValue(value) ?? '';
  // A picklist value reads as Zoho shows it ("billable" → "Billable").
  const option = field?.options?.find((o) => o.value === text || o.id === text);
  if (option?.label) text = option.label;
  if (field?.type === 'html' || /<\/?[a-z][^>]*>/i.test(text)) text = htmlToText(text);
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text || '—';
}

export function preview(
  sci: ItemRow,
  record: ZohoRecord,
  fields: ZohoField[],
): Array<{ field: string; label: string; value: string }> {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const mappedLabel = new Map(sci.mappings.map((m) => [m.zohoFieldId, m.zohoFieldName]));
  return previewFieldIds(sci).map((id) => {
    const field = byId.get(id);
    const value = id === 'status' ? record.status?.name : zohoFieldValue(record, id);
    return { field: id, label: field?.name ?? mappedLabel.get(id) ?? id, value: readable(value, field) };
  });
}

export function recordSummary(zoho: Pick<ZohoApi, 'recordUrl'>, src: ZohoSource, record: ZohoRecord): RecordSummary {
  let url: string | null = null;
  try {
    url = zoho.recordUrl(src, record);
  } catch {
    url = null;
  }
  return { id: record.id, key: record.key || null, name: record.name, status: record.status?.name ?? null, url };
}

export function panelItemOf(
  sci: ItemRow,
  link: Link | null,
  loaded: {
    record: ZohoRecord | null;
    fields: ZohoField[];
    error: string | null;
    zoho: Pick<ZohoApi, 'recordUrl'> | null;
    at: Date;
  },
): PanelItem {
  const src = sourceOfRow(sci);
  let panelLink: PanelItem['link'] = null;
  if (link) {
    const record =
      loaded.record && loaded.zoho
        ? recordSummary(loaded.zoho, src, loaded.record)
        : {
            id: link.zohoRecordId,
            key: link.zohoRecordKey,
            name: link.zohoRecordName ?? `Zoho record ${link.zohoRecordId}`,
            status: null,
            url: null,
          };
    panelLink = {
      id: link.id,
      origin: link.origin,
      record,
      preview: loaded.record ? preview(sci, loaded.record, loaded.fields) : [],
      fetchedAt: loaded.at.toISOString(),
      previewError: loaded.record ? null : (loaded.error ?? 'The Zoho Projects record could not be loaded.'),
      needsAttention: link.needsAttention ?? null,
      attention: attentionReasons(link.needsAttention, parseFieldAttention(link.attention)),
    };
  }
  return {
    sci: {
      id: sci.id,
      name: sci.name,
      mode: sci.mode,
      zohoModule: sci.zohoModule,
      zohoProjectName: sci.zohoProjectName,
      showAssociations: sci.showAssociations,
    },
    link: panelLink,
    actions: {
      link: !link,
      unlink: link?.origin === 'manual',
      refresh: Boolean(link),
      open: Boolean(panelLink?.record.url),
    },
    unlinkBlockedReason: link?.origin === 'auto' ? AUTO_LINK_REASON : null,
  };
}
