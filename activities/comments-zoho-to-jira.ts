/**
 * Zoho → Jira comment edits and deletions (scheduled pull). Only comments that were copied FROM
 * Zoho (CommentMirror origin zoho_to_jira) follow: an edited Zoho comment rewrites its Jira copy
 * (PUT), a deleted one deletes the copy and forgets the pair. Copies of Jira comments in Zoho are
 * never acted on here, so nothing echoes. This runs when the pull sees the record changed; in the
 * simulator a comment edit or deletion moves the record's last_modified_time (UNCONFIRMED for Zoho).
 */
import { zohoCommentToJira } from '../workflows/core/values/comments';
import { stableJson } from '../workflows/core/values/hash';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi, ZohoComment, ZohoSource } from '../integrations/zoho/types';
import type { LinkRef } from '../store/links';
import { commentMirrorRows, deleteCommentMirror } from '../store/mirrors';
import type { Ctx } from './context';

export interface ZohoCommentChanges {
  edited: number;
  deleted: number;
}

/** Zoho comments that were edited at some point (modified after created). */
const wasEdited = (c: ZohoComment): boolean => !!c.modifiedAt && !!c.createdAt && c.modifiedAt !== c.createdAt;

/** `listed` must be the record's complete comment list, just read. */
export async function applyZohoCommentChanges(
  ctx: Ctx,
  src: ZohoSource,
  link: LinkRef,
  listed: ZohoComment[],
  apis: { zoho: ZohoApi; jira: JiraApi },
): Promise<ZohoCommentChanges> {
  const out: ZohoCommentChanges = { edited: 0, deleted: 0 };
  const fromZoho = (await commentMirrorRows(ctx.prisma, link.id)).filter((r) => r.origin === 'zoho_to_jira');
  if (fromZoho.length === 0) return out;
  const byId = new Map(listed.map((c) => [c.id, c]));

  const gone = fromZoho.filter((r) => !byId.has(r.zohoCommentId));
  // An empty list may mean the record itself is gone: only delete copies when it still exists.
  if (gone.length > 0 && (listed.length > 0 || (await apis.zoho.getRecord(src, link.zohoRecordId)))) {
    for (const pair of gone) {
      await apis.jira.deleteComment(link.jiraIssueId, pair.jiraCommentId);
      await deleteCommentMirror(ctx.prisma, pair.id);
      out.deleted += 1;
    }
  }

  const edited = fromZoho.filter((r) => {
    const c = byId.get(r.zohoCommentId);
    return !!c && wasEdited(c);
  });
  if (edited.length === 0) return out;
  const inJira = new Map((await apis.jira.listComments(link.jiraIssueId)).map((c) => [c.id, c]));
  for (const pair of edited) {
    const j = inJira.get(pair.jiraCommentId);
    if (!j) continue; // the copy was deleted in Jira: Zoho stays the source, nothing to rewrite
    const z = byId.get(pair.zohoCommentId)!;
    const body = zohoCommentToJira({ html: z.html, authorName: z.authorName });
    if (stableJson(j.body) === stableJson(body)) continue;
    await apis.jira.updateComment(link.jiraIssueId, pair.jiraCommentId, body);
    out.edited += 1;
  }
  return out;
}
