/**
 * Child workflow: one new Zoho record → one Jira issue (+ initial status per Conditional Sync Rule)
 * + auto-managed link + Zoho link note. Its id `create:<sci>:<record>` is the idempotency key: the
 * parent starts it with WorkflowIdReusePolicy ALLOW_DUPLICATE_FAILED_ONLY, so a completed create
 * never reruns; within it, the intent row + issue property make a lost create response harmless.
 */
import type { ZohoRecord } from './core/model';
import { creating, remote } from './activity-options';

export interface AutoCreateWorkflowInput {
  sciId: string;
  record: ZohoRecord;
  /**
   * Write the Zoho link note now (default true). A large intake batch defers notes to later cycles
   * (writeDeferredNotes), so notes never starve the scan of Zoho call budget.
   */
  writeNote?: boolean;
}

export interface AutoCreateWorkflowResult {
  status: 'created' | 'found' | 'skipped';
  reason?: string;
  jiraIssueId?: string;
  jiraIssueKey?: string;
  linkId?: string;
  statusMove?: 'already' | 'moved' | 'no_safe_transition' | 'none';
  statusReason?: string;
  note?: 'written' | 'exists' | 'deferred' | 'gone' | 'failed';
  zohoCalls: number;
  jiraCalls: number;
}

export async function autoCreate(input: AutoCreateWorkflowInput): Promise<AutoCreateWorkflowResult> {
  const made = await creating.createIssueForRecord({ sciId: input.sciId, record: input.record });
  if (made.kind === 'skipped') return { status: 'skipped', reason: made.reason, zohoCalls: made.zohoCalls, jiraCalls: made.jiraCalls };
  const done = await remote.completeAutoCreate({
    sciId: input.sciId, record: input.record, issue: made.issue, initialStatusId: made.initialStatusId,
    initialStatus: made.initialStatus, baseline: made.baseline, receipts: made.receipts,
  });
  let note: AutoCreateWorkflowResult['note'] = 'deferred';
  let zohoCalls = made.zohoCalls;
  if (input.writeNote !== false) {
    try {
      const n = await remote.writeLinkNote({ linkId: done.linkId });
      note = n.outcome;
      zohoCalls += n.zohoCalls;
    } catch {
      // The link exists; a later cycle writes the note (Link.zohoNoteCommentId is still empty).
      note = 'failed';
    }
  }
  return {
    status: made.kind, jiraIssueId: made.issue.id, jiraIssueKey: made.issue.key, linkId: done.linkId,
    statusMove: done.status, statusReason: done.statusReason, note, zohoCalls, jiraCalls: made.jiraCalls + done.jiraCalls,
  };
}
