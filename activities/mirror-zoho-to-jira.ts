/**
 * Zoho → Jira comments and attachments for linked records (scheduled direction). Mirror tables
 * make each item copy once; items that came from Jira (or our link note) are never copied back.
 * Edits and deletions of Zoho comments we copied follow them (./comments-zoho-to-jira.ts).
 * A comment copy is claimed before it is posted (./comment-copy.ts), so a copy whose answer or
 * commit was lost is found instead of posted twice; on a retried attempt the Jira side is checked
 * first for attachments too.
 */
import { zohoCommentToJira } from '../workflows/core/values/comments';
import { stableJson } from '../workflows/core/values/hash';
import type { SmartConnectedItem } from '../workflows/core/model';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import { loadSmartConnectedItem } from '../store/items';
import { findLinksByIds, type LinkRef } from '../store/links';
import { attachmentMirrors, commentMirrors, hasZohoAttachment, recordAttachmentMirror } from '../store/mirrors';
import { emptyBatch, type BatchResult, noteRecordFailure } from './batch-result';
import { activityAttempt, type CallCounter, clientsFor, type Ctx, heartbeat, sourceOf } from './context';
import { applyZohoCommentChanges } from './comments-zoho-to-jira';
import { copyCommentOnce } from './comment-copy';
import { isConnectorComment } from './link-note';
import { commentLine, noteCopied, noteFailure } from './history-notes';

export interface MirrorInput {
  sciId: string;
  linkIds: string[];
}

export interface MirrorCounts {
  comments: number;
  attachments: number;
}

export async function mirrorLinkFromZoho(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  apis: { zoho: ZohoApi; jira: JiraApi },
  opts: { comments: boolean; attachments: boolean },
): Promise<MirrorCounts> {
  const counts: MirrorCounts = { comments: 0, attachments: 0 };
  const src = sourceOf(sci);
  const retried = activityAttempt() > 1;
  if (opts.comments) {
    const all = await apis.zoho.listComments(src, link.zohoRecordId);
    // Edits and deletions of comments copied earlier first, so the new copies below are not re-checked.
    const changes = await applyZohoCommentChanges(ctx, src, link, all, apis);
    counts.comments += changes.edited + changes.deleted;
    const mirrors = await commentMirrors(ctx.prisma, link.id);
    const pending = all.filter(
      (c) => !mirrors.zohoIds.has(c.id) && c.id !== link.zohoNoteCommentId && !isConnectorComment(c.html),
    );
    let jiraComments: ReturnType<JiraApi['listComments']> | undefined;
    for (const c of pending) {
      const body = zohoCommentToJira({ html: c.html, authorName: c.authorName });
      const copied = await copyCommentOnce(
        ctx,
        { linkId: link.id, origin: 'zoho_to_jira', sourceId: c.id },
        {
          post: async () => (await apis.jira.addComment(link.jiraIssueId, body)).id,
          findCopy: async () => {
            jiraComments ??= apis.jira.listComments(link.jiraIssueId);
            const same = (await jiraComments).find(
              (j) => !mirrors.jiraIds.has(j.id) && stableJson(j.body) === stableJson(body),
            );
            if (same) mirrors.jiraIds.add(same.id); // two equal comments never claim one copy
            return same?.id;
          },
        },
      );
      if (copied) {
        counts.comments += 1;
        noteCopied(ctx, link, 'comment', 'zoho_to_jira', commentLine(c.authorName, c.html));
      }
    }
  }
  if (opts.attachments) {
    const mirrors = await attachmentMirrors(ctx.prisma, link.id);
    const pending = (await apis.zoho.listAttachments(src, link.zohoRecordId)).filter(
      (a) => a.id !== '' && !hasZohoAttachment(mirrors.zohoIds, a) && (a.size ?? 0) <= ctx.config.attachmentMaxBytes,
    );
    const existing = retried && pending.length ? await apis.jira.listAttachments(link.jiraIssueId) : [];
    for (const a of pending) {
      let jiraId = existing.find(
        (j) => j.filename === a.name && (a.size === undefined || j.size === a.size) && !mirrors.jiraIds.has(j.id),
      )?.id;
      let size = a.size ?? 0;
      if (!jiraId) {
        const file = await apis.zoho.downloadAttachment(a);
        size = file.size ?? a.size ?? 0;
        if (size > ctx.config.attachmentMaxBytes) {
          file.stream.destroy();
          continue;
        }
        const uploaded = await apis.jira.uploadAttachment(link.jiraIssueId, {
          name: a.name,
          size,
          contentType: a.contentType ?? file.contentType,
          stream: file.stream,
        });
        jiraId = uploaded.id;
        size = uploaded.size;
      }
      if (
        await recordAttachmentMirror(ctx.prisma, {
          linkId: link.id,
          zohoAttachmentId: a.id,
          jiraAttachmentId: jiraId,
          fileName: a.name,
          size,
          origin: 'zoho_to_jira',
        })
      ) {
        counts.attachments += 1;
        noteCopied(ctx, link, 'attachment', 'zoho_to_jira', a.name);
      }
    }
  }
  return counts;
}

export async function mirrorFromZoho(ctx: Ctx, input: MirrorInput): Promise<BatchResult> {
  const result = emptyBatch();
  const sci = await loadSmartConnectedItem(ctx.prisma, input.sciId);
  if (!sci || input.linkIds.length === 0) return result;
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const apis = await clientsFor(ctx, sci.installationId, counter);
  const links = await findLinksByIds(ctx.prisma, input.linkIds);
  try {
    for (const link of links.values()) {
      heartbeat(link.id);
      try {
        await mirrorLinkFromZoho(ctx, sci, link, apis, {
          comments: sci.syncComments,
          attachments: sci.syncAttachments,
        });
      } catch (err) {
        noteRecordFailure(result, err, link, { prefix: 'Mirroring: ' });
        noteFailure(ctx, link, 'zoho_to_jira', err);
      }
    }
  } finally {
    result.zohoCalls = counter.zoho;
    result.jiraCalls = counter.jira;
  }
  return result;
}
