/**
 * Dry-run preview of the next cycle of a Smart Connected Item (saved, or an unsaved wizard draft):
 * the same window (cursor), the same pull and classification, the same per-record planners as the
 * cycle (pullPagesFor, planLinkFromZoho, planAutoCreateFor), and then nothing is written: no Jira or
 * Zoho write, no cursor move, no SyncRun, no receipt. Only reads, paced by the same Zoho budget.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { SmartConnectedItem } from '../workflows/core/model';
import {
  addAutoCreatePlan,
  addLinkPlan,
  addPendingLink,
  addPullSkip,
  emptyCyclePreview,
  type CyclePreview,
} from '../workflows/core/plan-preview';
import { SYNC_PAUSE_MESSAGES, syncPause } from '../workflows/core/sync-activity';
import { loadSmartConnectedItem } from '../store/items';
import { findLinksByIds } from '../store/links';
import { intentsWithIssue } from '../store/intents';
import { receiptsForLinks } from '../store/receipts';
import { planLinkFromZoho } from './apply-zoho-to-jira';
import { planAutoCreateFor } from './auto-create';
import { type CallCounter, clientsFor, type Ctx, errorText, heartbeat } from './context';
import { cycleWindow } from './cycle';
import { pullPagesFor, RECORD_HASH_FIELD, recordHash, type PullPagesResult } from './pull';

export interface PreviewCycleInput {
  sciId?: string;
  /** An unsaved draft (the wizard's Review step): a new item's throwaway id, or the edited item's own id (its links). */
  draft?: SmartConnectedItem;
  /** Rows kept per action (default 20). */
  rowLimit?: number;
}

/** Pages read at most (a preview of a 200 000-record first pass would cost the budget a cycle's worth). */
const MAX_PAGES = 10;
/** Changed linked records planned field by field at most (one Jira read each). */
const MAX_PLANNED = 100;

export async function previewCycle(ctx: Ctx, input: PreviewCycleInput): Promise<CyclePreview> {
  const sci = input.draft ?? (input.sciId ? await loadSmartConnectedItem(ctx.prisma, input.sciId) : null);
  if (!sci) throw ApplicationFailure.nonRetryable('The Smart Connected Item was not found.', 'NotFound');
  const window = await cycleWindow(ctx, sci);
  const preview = emptyCyclePreview(input.rowLimit ?? 20, window.modifiedAfter === null);
  const pause = syncPause(sci);
  if (pause) {
    preview.notices.push(SYNC_PAUSE_MESSAGES[pause]);
    return preview;
  }
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  let serverOrdered = window.serverOrdered;
  let planned = 0;
  for (let page: number | null = 1, read = 0; page !== null && read < MAX_PAGES; read += 1) {
    const p: PullPagesResult = await pullPagesFor(ctx, sci, {
      sciId: sci.id,
      fromPage: page,
      maxPages: 1,
      modifiedAfter: window.modifiedAfter,
      serverOrdered,
      explain: true,
    });
    page = p.nextPage;
    serverOrdered = p.serverOrdered ?? serverOrdered;
    preview.scanned += p.scanned;
    preview.zohoCalls += p.zohoCalls;
    preview.notices.push(...(p.notices ?? []));
    for (const s of p.skippedRecords ?? []) addPullSkip(preview, sci, s.record, s.reason);

    const pending = await intentsWithIssue(
      ctx.prisma,
      sci.id,
      p.fresh.map((r) => r.id),
    );
    for (const record of p.fresh) {
      heartbeat({ page, record: record.id });
      const key = pending.get(record.id);
      if (key) addPendingLink(preview, record, key);
      else addAutoCreatePlan(preview, record, await planAutoCreateFor(ctx, sci, record, apis));
    }

    const links = await findLinksByIds(
      ctx.prisma,
      p.changed.map((c) => c.linkId),
    );
    const receipts = await receiptsForLinks(ctx.prisma, [...links.keys()]);
    for (const { record, linkId } of p.changed) {
      const link = links.get(linkId);
      if (!link || link.baseline[RECORD_HASH_FIELD]?.zohoHash === recordHash(record)) continue;
      if (planned >= MAX_PLANNED) {
        preview.unplanned += 1;
        continue;
      }
      planned += 1;
      heartbeat({ page, record: record.id });
      try {
        const { issue, plan, jiraFields, zohoFields } = await planLinkFromZoho(
          ctx,
          sci,
          link,
          record,
          apis,
          receipts.get(link.id) ?? [],
        );
        addLinkPlan(preview, { sci, record, issue, plan, jiraFields, zohoFields });
      } catch (err) {
        preview.notices.push(`${link.jiraIssueKey}: cannot be planned now (${errorText(err)})`);
      }
    }
    if (page !== null && read + 1 >= MAX_PAGES)
      preview.notices.push(`Preview stopped after ${MAX_PAGES} pages; the cycle reads on.`);
  }
  preview.zohoCalls += counter.zoho;
  preview.jiraCalls = counter.jira;
  return preview;
}
