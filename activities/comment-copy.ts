/**
 * Copies one comment to the other side exactly once, across lost answers and lost commits: the copy
 * is claimed in CommentMirror before it is posted and completed after. When a later try finds the
 * claim still pending, the post may have reached the other side, so it looks for the copy there
 * before posting again.
 */
import { claimCommentCopy, completeCommentCopy, type CommentCopyKey } from '../store/mirrors';
import type { Ctx } from './context';

export interface CommentCopyIo {
  /** Posts the copy and returns its id. */
  post(): Promise<string>;
  /** The id of a copy an earlier try posted, if the other side has one. */
  findCopy(): Promise<string | undefined>;
}

/** Returns true when this call completed the copy (posted now or found after a lost answer). */
export async function copyCommentOnce(ctx: Ctx, key: CommentCopyKey, io: CommentCopyIo): Promise<boolean> {
  const claim = await claimCommentCopy(ctx.prisma, key);
  if (claim.state === 'done') return false;
  const found = claim.state === 'resume' ? await io.findCopy() : undefined;
  const copyId = found ?? (await io.post());
  await completeCommentCopy(ctx.prisma, claim.rowId, key.origin, copyId);
  return true;
}
