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

export async function commentMirrors(prisma: PrismaClient, linkId: string): Promise<MirrorSets> {
  const rows = await prisma.commentMirror.findMany({
    where: { linkId },
    select: { zohoCommentId: true, jiraCommentId: true },
  });
  return { zohoIds: new Set(rows.map((r) => r.zohoCommentId)), jiraIds: new Set(rows.map((r) => r.jiraCommentId)) };
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

/** Returns false when the pair was already recorded (a concurrent or retried copy). */
export async function recordCommentMirror(
  prisma: PrismaClient,
  input: {
    linkId: string;
    zohoCommentId: string;
    jiraCommentId: string;
    origin: Direction;
  },
): Promise<boolean> {
  try {
    await prisma.commentMirror.create({ data: input });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
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
  return prisma.commentMirror.findMany({
    where: { linkId },
    select: { id: true, zohoCommentId: true, jiraCommentId: true, origin: true },
  });
}

/** Forget a pair whose comments were deleted; a no-op when it is already gone. */
export async function deleteCommentMirror(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.commentMirror.deleteMany({ where: { id } });
}
