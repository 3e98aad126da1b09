/**
 * Jira → Zoho comments (event-driven). A new Jira comment is copied once (./comment-copy.ts): a
 * retry after a lost answer or commit finds the Zoho copy by its text instead of posting it again.
 * Edits and deletions: Only comments that were copied FROM Jira
 * (CommentMirror origin jira_to_zoho) follow: an edit PATCHes the Zoho copy, a deletion deletes it
 * and forgets the pair. Copies we posted into Jira from Zoho belong to Zoho: a Jira-side edit or
 * deletion of them is not pushed back, and their pair stays so the Zoho comment is not copied again.
 * Our own writes never come back: events by our app user are dropped before this runs.
 */
import { ZOHO_MODULE_CAPABILITIES } from '../workflows/core/capabilities';
import type { SmartConnectedItem } from '../workflows/core/model';
import { adfToText } from '../workflows/core/values/adf-to-html';
import { isMirroredComment, jiraCommentToZoho } from '../workflows/core/values/comments';
import { htmlToText } from '../workflows/core/values/html-parse';
import type { JiraIssueEvent } from '../workflows/signals';
import { HttpFailure } from '../integrations/http/failures';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import type { LinkRef } from '../store/links';
import { commentMirrorRows, commentMirrors, deleteCommentMirror } from '../store/mirrors';
import type { BatchResult } from './batch-result';
import { type Ctx, sourceOf } from './context';
import { copyCommentOnce } from './comment-copy';
import { commentLine, noteCopied } from './history-notes';

const COMMENT_KINDS = new Set<JiraIssueEvent['kind']>(['comment_updated', 'comment_deleted']);

const isGone = (err: unknown): boolean => err instanceof HttpFailure && err.status === 404;

export async function applyJiraCommentChanges(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  events: JiraIssueEvent[],
  apis: { zoho: ZohoApi; jira: JiraApi },
  result: BatchResult,
): Promise<void> {
  if (!sci.syncComments || !ZOHO_MODULE_CAPABILITIES[sci.zohoModule].comments) return;
  const changes = events.filter((e) => COMMENT_KINDS.has(e.kind) && e.commentId);
  if (changes.length === 0) return;
  const fromJira = new Map(
    (await commentMirrorRows(ctx.prisma, link.id))
      .filter((r) => r.origin === 'jira_to_zoho')
      .map((r) => [r.jiraCommentId, r]),
  );
  const deleted = new Set(changes.filter((e) => e.kind === 'comment_deleted').map((e) => e.commentId!));
  // "commented" fires on create and on edit; the server turns an edit (updated ≠ created) into comment_updated.
  const edited = new Set(
    changes
      .filter((e) => e.kind === 'comment_updated' && !deleted.has(e.commentId!) && fromJira.has(e.commentId!))
      .map((e) => e.commentId!),
  );
  const src = sourceOf(sci);

  for (const jiraId of deleted) {
    const pair = fromJira.get(jiraId);
    if (!pair) continue;
    await apis.zoho.deleteComment(src, link.zohoRecordId, pair.zohoCommentId);
    await deleteCommentMirror(ctx.prisma, pair.id);
    result.updated += 1;
  }
  if (edited.size === 0) return;
  const current = new Map((await apis.jira.listComments(link.jiraIssueId)).map((c) => [c.id, c]));
  for (const jiraId of edited) {
    const c = current.get(jiraId);
    if (!c) continue; // deleted meanwhile: its deletion event follows
    try {
      await apis.zoho.updateComment(
        src,
        link.zohoRecordId,
        fromJira.get(jiraId)!.zohoCommentId,
        jiraCommentToZoho({ body: c.body, authorName: c.authorName }),
      );
      result.updated += 1;
    } catch (err) {
      if (!isGone(err)) throw err; // the Zoho copy was deleted in Zoho: nothing to edit
    }
  }
}

/** Zoho may reformat the HTML it stores, so a copy is recognised by its text. */
const sameText = (a: string, b: string): boolean =>
  htmlToText(a).replace(/\s+/g, ' ').trim() === htmlToText(b).replace(/\s+/g, ' ').trim();

/** New Jira comments (comment_created events) → one Zoho comment each. */
export async function copyJiraCommentsToZoho(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  commentIds: Set<string>,
  appUser: string,
  apis: { zoho: ZohoApi; jira: JiraApi },
  result: BatchResult,
): Promise<void> {
  const mirrors = await commentMirrors(ctx.prisma, link.id);
  const wanted = new Set([...commentIds].filter((id) => !mirrors.jiraIds.has(id)));
  if (wanted.size === 0) return;
  const src = sourceOf(sci);
  let zohoComments: Promise<{ id: string; html: string }[]> | undefined;
  for (const c of await apis.jira.listComments(link.jiraIssueId)) {
    if (!wanted.has(c.id) || c.authorAccountId === appUser) continue;
    if (isMirroredComment(adfToText(c.body), 'fromZoho')) continue;
    const html = jiraCommentToZoho({ body: c.body, authorName: c.authorName });
    const copied = await copyCommentOnce(
      ctx,
      { linkId: link.id, origin: 'jira_to_zoho', sourceId: c.id },
      {
        post: async () => (await apis.zoho.addComment(src, link.zohoRecordId, html)).id,
        findCopy: async () => {
          zohoComments ??= apis.zoho.listComments(src, link.zohoRecordId);
          const copy = (await zohoComments).find((z) => !mirrors.zohoIds.has(z.id) && sameText(z.html, html));
          if (copy) mirrors.zohoIds.add(copy.id); // two equal comments never claim one copy
          return copy?.id;
        },
      },
    );
    if (copied) {
      result.updated += 1;
      noteCopied(ctx, link, 'comment', 'jira_to_zoho', commentLine(c.authorName, c.body));
    }
  }
}
