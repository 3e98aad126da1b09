/** Comments, attachments and issue properties: the activity around an issue. */
import { isAdfDoc } from './adf';
import { JiraError, type JiraStore } from './store';
import type { AdfDoc, SimAttachment, SimComment } from './types';

function requireAdf(body: unknown): AdfDoc {
  if (!isAdfDoc(body)) throw new JiraError(400, [], { comment: 'Comment body is not valid!' });
  if (body.content.length === 0) throw new JiraError(400, [], { comment: 'Comment body can not be empty!' });
  return body;
}

export function addComment(store: JiraStore, actorId: string, idOrKey: string, body: unknown): SimComment {
  const issue = store.requireIssue(idOrKey);
  const now = store.now();
  const comment: SimComment = {
    id: store.nextId('comment'),
    issueId: issue.id,
    authorId: actorId,
    updateAuthorId: actorId,
    body: requireAdf(body),
    created: now,
    updated: now,
  };
  issue.comments.push(comment);
  issue.updated = now;
  store.commit({ type: 'comment_created', issue, actorId, comment: { ...comment } });
  return comment;
}

export function requireComment(store: JiraStore, idOrKey: string, commentId: string): SimComment {
  const issue = store.requireIssue(idOrKey);
  const comment = issue.comments.find((c) => c.id === commentId);
  if (!comment) throw new JiraError(404, [`Can not find a comment for the id: ${commentId}.`]);
  return comment;
}

export function updateComment(
  store: JiraStore,
  actorId: string,
  idOrKey: string,
  commentId: string,
  body: unknown,
): SimComment {
  const comment = requireComment(store, idOrKey, commentId);
  const issue = store.requireIssue(idOrKey);
  comment.body = requireAdf(body);
  comment.updated = store.now();
  comment.updateAuthorId = actorId;
  issue.updated = comment.updated;
  store.commit({ type: 'comment_updated', issue, actorId, comment: { ...comment } });
  return comment;
}

export function deleteComment(store: JiraStore, actorId: string, idOrKey: string, commentId: string): void {
  const comment = requireComment(store, idOrKey, commentId);
  const issue = store.requireIssue(idOrKey);
  issue.comments = issue.comments.filter((c) => c.id !== commentId);
  store.commit({ type: 'comment_deleted', issue, actorId, comment: { ...comment } });
}

export interface NewAttachment {
  filename: string;
  mimeType: string;
  content: Buffer;
}

export function addAttachment(store: JiraStore, actorId: string, idOrKey: string, file: NewAttachment): SimAttachment {
  const issue = store.requireIssue(idOrKey);
  const now = store.now();
  const attachment: SimAttachment = {
    id: store.nextId('attachment'),
    issueId: issue.id,
    filename: file.filename,
    mimeType: file.mimeType,
    size: file.content.length,
    authorId: actorId,
    created: now,
    content: file.content,
  };
  store.attachments.set(attachment.id, attachment);
  issue.attachmentIds.push(attachment.id);
  issue.updated = now;
  issue.histories.push({
    id: store.nextId('history'),
    authorId: actorId,
    created: now,
    items: [
      {
        field: 'Attachment',
        fieldtype: 'jira',
        fieldId: 'attachment',
        from: null,
        fromString: null,
        to: attachment.id,
        toString: attachment.filename,
      },
    ],
  });
  const { content: _content, ...meta } = attachment;
  store.commit({ type: 'attachment_created', issue, actorId, attachment: meta, history: issue.histories.at(-1) });
  return attachment;
}

export function requireAttachment(store: JiraStore, id: string): SimAttachment {
  const attachment = store.attachments.get(id);
  if (!attachment) throw new JiraError(404, [`The attachment with id '${id}' does not exist`]);
  return attachment;
}

const PROPERTY_KEY_LIMIT = 255;
const PROPERTY_VALUE_LIMIT = 32768;

/** Sets an issue property; returns true when it was created (201) rather than replaced (200). */
export function setIssueProperty(
  store: JiraStore,
  actorId: string,
  idOrKey: string,
  key: string,
  value: unknown,
): boolean {
  const issue = store.requireIssue(idOrKey);
  if (key.length > PROPERTY_KEY_LIMIT)
    throw new JiraError(400, ['The property key cannot be longer than 255 characters.']);
  if (value === undefined) throw new JiraError(400, ['The property value must be a valid, non-empty JSON value.']);
  if (Buffer.byteLength(JSON.stringify(value)) > PROPERTY_VALUE_LIMIT) {
    throw new JiraError(400, [`The property value cannot be longer than ${PROPERTY_VALUE_LIMIT} bytes.`]);
  }
  const created = !(key in issue.properties);
  issue.properties[key] = structuredClone(value);
  // Properties do not touch `updated`, but they are reindexed (and so searchable only after the lag).
  store.commit({ type: 'property_set', issue, actorId, propertyKey: key });
  return created;
}

export function deleteIssueProperty(store: JiraStore, actorId: string, idOrKey: string, key: string): void {
  const issue = store.requireIssue(idOrKey);
  if (!(key in issue.properties)) throw new JiraError(404, [`The property with key '${key}' does not exist.`]);
  delete issue.properties[key];
  store.commit({ type: 'property_deleted', issue, actorId, propertyKey: key });
}
