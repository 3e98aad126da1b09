/**
 * Panel "Refresh": re-sync one link now, Zoho → Jira (fields, status, comments, attachments as the
 * SCI allows), and return the fresh record for the preview. Display-only links only read.
 */
import { isSyncActive } from '../workflows/core/sync-activity';
import type { ZohoRecord } from '../workflows/core/model';
import { loadSmartConnectedItem } from '../store/items';
import { findLink } from '../store/links';
import { receiptsForLinks } from '../store/receipts';
import { emptyCycleTotals } from '../workflows/core/totals';
import { finishSyncRun, startSyncRun } from '../store/sync-runs';
import { emptyBatch } from './batch-result';
import { type CallCounter, clientsFor, type Ctx, errorText, isRetryable, sourceOf } from './context';
import { syncLinkFromZoho } from './apply-zoho-to-jira';
import { settleLink } from './status-settle';
import { unsettledLinks } from '../store/link-status';
import { mirrorLinkFromZoho } from './mirror-zoho-to-jira';
import { noteFailure } from './history-notes';

export interface RefreshLinkActivityInput {
  linkId: string;
  workflowId: string;
  runId: string;
}

export interface RefreshLinkResult {
  status: 'refreshed' | 'previewed' | 'gone' | 'failed';
  record?: ZohoRecord;
  updated: boolean;
  message?: string;
}

export async function refreshLink(ctx: Ctx, input: RefreshLinkActivityInput): Promise<RefreshLinkResult> {
  const link = await findLink(ctx.prisma, input.linkId);
  if (!link) return { status: 'gone', updated: false, message: 'The link no longer exists.' };
  const sci = await loadSmartConnectedItem(ctx.prisma, link.sciId);
  if (!sci) return { status: 'gone', updated: false, message: 'The Smart Connected Item no longer exists.' };
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const record = await apis.zoho.getRecord(sourceOf(sci), link.zohoRecordId);
  if (!record) return { status: 'gone', updated: false, message: `Zoho record ${link.zohoRecordId} no longer exists.` };
  if (!isSyncActive(sci)) return { status: 'previewed', record, updated: false };

  const batch = emptyBatch();
  const runId = await startSyncRun(ctx.prisma, {
    installationId: sci.installationId,
    sciId: sci.id,
    kind: 'refresh',
    workflowId: input.workflowId,
    runId: input.runId,
  });
  let updated = false;
  let message: string | undefined;
  try {
    const receipts = (await receiptsForLinks(ctx.prisma, [link.id])).get(link.id) ?? [];
    const outcome = await syncLinkFromZoho(ctx, sci, link, record, apis, batch, receipts);
    updated = outcome.wrote;
    // "Retry now" for a status Jira has not reached yet: walk it on here too.
    const [pending] = await unsettledLinks(ctx.prisma, sci.id, 1, link.id);
    if (pending && isSyncActive(sci)) {
      await settleLink(ctx, sci, pending, apis.jira, batch);
      updated ||= batch.updated > 0;
    }
    await mirrorLinkFromZoho(ctx, sci, link, apis, outcome.mirror);
  } catch (err) {
    if (isRetryable(err)) throw err;
    message = errorText(err);
    noteFailure(ctx, link, 'zoho_to_jira', err);
    batch.failed += 1;
    batch.errors.push({ zohoRecordId: record.id, jiraIssueKey: link.jiraIssueKey, message });
  }
  await finishSyncRun(ctx.prisma, runId, {
    ...emptyCycleTotals(),
    updated: updated ? 1 : 0,
    skipped: updated || message ? 0 : 1,
    failed: batch.failed,
    needsAttention: batch.needsAttention,
    zohoCalls: counter.zoho,
    jiraCalls: counter.jira,
    conflicts: batch.conflicts,
    errors: batch.errors,
  });
  return { status: message ? 'failed' : 'refreshed', record, updated, ...(message ? { message } : {}) };
}
