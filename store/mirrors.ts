/**
 * Comment and attachment mirrors: which Zoho item corresponds to which Jira item, per link.
 * The unique indexes make a mirrored item impossible to record twice; callers check before copying.
 */
import type { PrismaClient } from './prisma';
import type { Direction } from './receipts';

export interface MirrorSets {
  zohoIds: Set<string>;
  jiraIds: Set<string>;
}

/**
 * A comment copy is claimed (its row written with this placeholder for the copy's id) before it is
 * posted, and completed with the real id after. A claim still pending on a later try means the post
 * may have happened with its answer or its commit lost: the copier looks for the copy first.
 */
const PENDING_COPY = 'pending:';

const isPending = (r: { zohoCommentId: string; jiraCommentId: string }): boolean =>
  r.zohoCommentId.startsWith(PENDING_COPY) || r.jiraCommentId.startsWith(PENDING_COPY);

/** The comments of a link whose copy is complete (pending claims are not in either set). */
export async function commentMirrors(prisma: PrismaClient, linkId: string): Promise<MirrorSets> {
  const rows = (
    await prisma.commentMirror.findMany({ where: { linkId }, select: { zohoCommentId: true, jiraCommentId: true } })
  ).filter((r) => !isPending(r));
  return { zohoIds: new Set(rows.map((r) => r.zohoCommentId)), jiraIds: new Set(rows.map((r) => r.jiraCommentId)) };
}

export interface CommentCopyKey {
  linkId: string;
  origin: Direction;
  /** The copied comment: a Jira comment id for jira_to_zoho, a Zoho comment id for zoho_to_jira. */
  sourceId: string;
}

const sourceColumn = (origin: Direction) => (origin === 'jira_to_zoho' ? 'jiraCommentId' : 'zohoCommentId');
const copyColumn = (origin: Direction) => (origin === 'jira_to_zoho' ? 'zohoCommentId' : 'jiraCommentId');

/**
 * Claims copying one comment. `claimed`: post it. `resume`: an earlier try claimed it and did not
 * complete, so look for the copy before posting. `done`: copied already (or by a concurrent copier).
 */
export async function claimCommentCopy(
  prisma: PrismaClient,
  key: CommentCopyKey,
): Promise<{ state: 'claimed' | 'resume' | 'done'; rowId: string }> {
  const source = sourceColumn(key.origin);
  try {
    const row = await prisma.commentMirror.create({
      data: {
        linkId: key.linkId,
        origin: key.origin,
        [source]: key.sourceId,
        [copyColumn(key.origin)]: `${PENDING_COPY}${key.sourceId}`,
      } as { linkId: string; origin: Direction; zohoCommentId: string; jiraCommentId: string },
      select: { id: true },
    });
    return { state: 'claimed', rowId: row.id };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const row = await prisma.commentMirror.findFirst({
    where: { linkId: key.linkId, [source]: key.sourceId },
    select: { id: true, zohoCommentId: true, jiraCommentId: true, origin: true },
  });
  if (!row) return claimCommentCopy(prisma, key); // forgotten meanwhile (a deletion): claim afresh
  return { state: row.origin === key.origin && isPending(row) ? 'resume' : 'done', rowId: row.id };
}

/** Completes a claim with the id of the copy that was posted (or found). */
export async function completeCommentCopy(
  prisma: PrismaClient,
  rowId: string,
  origin: Direction,
  copyId: string,
): Promise<void> {
  await prisma.commentMirror.update({ where: { id: rowId }, data: { [copyColumn(origin)]: copyId } });
}

export async function attachmentMirrors(prisma: PrismaClient, linkId: string): Promise<MirrorSets> {
  const rows = await prisma.attachmentMirror.findMany({
    where: { linkId },
    select: { zohoAttachmentId: true, jiraAttachmentId: true },
  });
  return {
    zohoIds: new Set(rows.map((r) => r.zohoAttachmentId)),
    jiraIds: new Set(rows.map((r) => r.jiraAttachmentId)),
  };
}

/**
 * Whether a Zoho attachment is already mirrored: under its stable key, or under the attachment_id
 * older mirrors were recorded with (dual lookup instead of a data migration: an old row's file id is unknown).
 */
export function hasZohoAttachment(zohoIds: ReadonlySet<string>, a: { id: string; attachmentId?: string }): boolean {
  return zohoIds.has(a.id) || (a.attachmentId !== undefined && zohoIds.has(a.attachmentId));
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2002';
}

export async function recordAttachmentMirror(
  prisma: PrismaClient,
  input: {
    linkId: string;
    zohoAttachmentId: string;
    jiraAttachmentId: string;
    fileName: string;
    size: number;
    origin: Direction;
  },
): Promise<boolean> {
  try {
    await prisma.attachmentMirror.create({ data: input });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export interface CommentMirrorRow {
  id: string;
  zohoCommentId: string;
  jiraCommentId: string;
  origin: Direction;
}

/** Every comment pair of a link with the direction it was copied in (edits and deletions follow it). */
export async function commentMirrorRows(prisma: PrismaClient, linkId: string): Promise<CommentMirrorRow[]> {
  const rows = await prisma.commentMirror.findMany({
    where: { linkId },
    select: { id: true, zohoCommentId: true, jiraCommentId: true, origin: true },
  });
  return rows.filter((r) => !isPending(r)); // a pending claim has no copy to edit or delete yet
}

/** Forget a pair whose comments were deleted; a no-op when it is already gone. */
export async function deleteCommentMirror(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.commentMirror.deleteMany({ where: { id } });
}
