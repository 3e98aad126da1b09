import { v3Errors, type V3Error } from './errors';
import type { Json, ZohoAttachment, ZohoComment, ZohoItem, ZohoUser } from './model';
import { refreshAssociations } from './records';
import { userRef, type ZohoSimState } from './store';

/**
 * Changes around a record (comments, followers, attachments) shared by the API routes and the
 * control API ("act as a Zoho user"). Each bumps the record's last_modified_time.
 */

export function addComment(state: ZohoSimState, item: ZohoItem, html: string, author: ZohoUser): ZohoComment {
  const iso = state.clock.iso();
  const id = state.ids.id();
  const comment: ZohoComment = {
    id,
    json: {
      id,
      comment: html,
      created_time: iso,
      last_modified_time: iso,
      created_by: userRef(author),
      attachments: [],
    },
  };
  item.comments.push(comment);
  refreshAssociations(item);
  state.touch(item);
  return comment;
}

export function findComment(item: ZohoItem, commentId: string): ZohoComment {
  const c = item.comments.find((x) => x.id === commentId);
  if (!c) throw v3Errors.notFound('Comment');
  return c;
}

export function editComment(state: ZohoSimState, item: ZohoItem, comment: ZohoComment, html: string): void {
  comment.json.comment = html;
  comment.json.last_modified_time = state.clock.iso();
  state.touch(item);
}

export function deleteComment(state: ZohoSimState, item: ZohoItem, commentId: string): void {
  findComment(item, commentId);
  item.comments = item.comments.filter((c) => c.id !== commentId);
  refreshAssociations(item);
  state.touch(item);
}

export function followers(state: ZohoSimState, item: ZohoItem): Json[] {
  return item.followerZpuids
    .map((z) => state.userByZpuid(z))
    .filter((u): u is ZohoUser => !!u)
    .map(userRef);
}

export function setFollowers(state: ZohoSimState, item: ZohoItem, ids: string[], add: boolean): V3Error | undefined {
  const users: ZohoUser[] = [];
  for (const id of ids) {
    const u = state.findUser(id);
    if (!u) return v3Errors.invalidValue('follower_ids', `Unknown user ${id}.`);
    users.push(u);
  }
  const zpuids = new Set(item.followerZpuids);
  for (const u of users) {
    if (add) zpuids.add(u.zpuid);
    else zpuids.delete(u.zpuid);
  }
  item.followerZpuids = [...zpuids];
  refreshAssociations(item);
  state.touch(item);
  return undefined;
}

/** Step one of the upload: the file lands in the portal, not yet on any record. */
export function storeUpload(
  state: ZohoSimState,
  f: { name: string; contentType: string; content: Buffer; uploader: ZohoUser },
): ZohoAttachment {
  const att: ZohoAttachment = {
    id: state.ids.id(),
    name: f.name,
    contentType: f.contentType,
    content: f.content,
    createdTime: state.clock.iso(),
    uploadedBy: f.uploader,
  };
  state.attachments.set(att.id, att);
  return att;
}

/** Step two: associate uploaded files with a task or issue. */
export function associateAttachments(state: ZohoSimState, item: ZohoItem, ids: string[]): V3Error | undefined {
  for (const id of ids)
    if (!state.attachments.has(id)) return v3Errors.invalidValue('attachment_ids', `Unknown attachment ${id}.`);
  for (const id of ids) {
    const att = state.attachments.get(id)!;
    if (att.itemId && att.itemId !== item.id)
      return v3Errors.invalidValue('attachment_ids', `Attachment ${id} belongs to another record.`);
  }
  for (const id of ids) {
    state.attachments.get(id)!.itemId = item.id;
    if (!item.attachmentIds.includes(id)) item.attachmentIds.push(id);
  }
  refreshAssociations(item);
  state.touch(item);
  return undefined;
}

export function removeAttachment(state: ZohoSimState, item: ZohoItem, id: string): void {
  if (!item.attachmentIds.includes(id)) throw v3Errors.notFound('Attachment');
  item.attachmentIds = item.attachmentIds.filter((a) => a !== id);
  state.attachments.delete(id);
  refreshAssociations(item);
  state.touch(item);
}

/** List entry of an attachment; download_url needs the OAuth header. Shape partly UNCONFIRMED. */
export function attachmentView(att: ZohoAttachment, baseUrl: string, portalId: string): Json {
  return {
    id: att.id,
    attachment_id: att.id,
    name: att.name,
    content_type: att.contentType,
    size: att.content.length,
    created_time: att.createdTime,
    added_by: userRef(att.uploadedBy),
    download_url: `${baseUrl}/api/v3/portal/${portalId}/attachments/${att.id}/content`,
  };
}
