import { v3Errors, type V3Error } from './errors';
import { randomBytes } from 'node:crypto';
import type { Json, ZohoAttachment, ZohoAttachmentShape, ZohoComment, ZohoItem, ZohoUser } from './model';
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
  f: { name: string; contentType: string; content: Buffer; uploader: ZohoUser; shape?: Partial<ZohoAttachmentShape> },
): ZohoAttachment {
  const att: ZohoAttachment = {
    id: state.ids.id(),
    // WorkDrive resource ids are opaque lowercase alphanumerics (UNCONFIRMED length).
    fileId: randomBytes(20).toString('hex').slice(0, 37),
    shape: { ...state.config.switches.attachmentShape, ...f.shape },
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

export function removeAttachment(state: ZohoSimState, item: ZohoItem, idOrFileId: string): void {
  // WorkDrive attachments are removed by their third_party_file_id; the attachment id works too.
  const id = item.attachmentIds.find((a) => a === idOrFileId || state.attachments.get(a)?.fileId === idOrFileId);
  if (!id) throw v3Errors.notFound('Attachment');
  item.attachmentIds = item.attachmentIds.filter((a) => a !== id);
  state.attachments.delete(id);
  refreshAssociations(item);
  state.touch(item);
}

/** WorkDrive's download path (download server form) for a file id. */
export const workdriveDownloadPath = (fileId: string): string => `/v1/workdrive/download/${encodeURIComponent(fileId)}`;

/** List entry of an attachment in the shape chosen for it (see ZohoAttachmentShape). */
export function attachmentView(att: ZohoAttachment, baseUrl: string): Json {
  const id = att.shape.sentinelId ? '-1' : att.id;
  return {
    id,
    attachment_id: id,
    third_party_file_id: att.fileId,
    name: att.name,
    content_type: att.contentType,
    size: att.content.length,
    created_time: att.createdTime,
    added_by: userRef(att.uploadedBy),
    ...(att.shape.downloadUrl ? { download_url: `${baseUrl}${workdriveDownloadPath(att.fileId)}` } : {}),
  };
}
