/**
 * A link's status state: the Jira status it still has to reach (unsettled) and why the record
 * needs attention. Later cycles pick unsettled links up even when Zoho did not change again.
 */
import type { PrismaClient } from './prisma';
import { Prisma } from './prisma';
import { linkSelect, toLinkRef, type LinkRef } from './links';

export interface LinkStatusState {
  /** What the walk still aims at (opaque JSON for the store); null once Jira's status matches. */
  statusTarget: unknown;
  /** The reason in words; null when nothing needs attention. */
  needsAttention: string | null;
}

export async function setLinkStatusState(
  prisma: PrismaClient,
  linkId: string,
  state: LinkStatusState,
  now: Date,
): Promise<void> {
  await prisma.link
    .update({
      where: { id: linkId },
      data: {
        statusTarget: state.statusTarget === null ? Prisma.DbNull : (state.statusTarget as Prisma.InputJsonValue),
        needsAttention: state.needsAttention,
        needsAttentionAt: state.needsAttention ? now : null,
      },
    })
    .catch((err: unknown) => {
      // Unlinked meanwhile: nothing left to settle.
      if ((err as { code?: string }).code !== 'P2025') throw err;
    });
}

/** Links of an SCI whose Jira status has not reached its target yet (oldest attempt first). */
export async function unsettledLinks(
  prisma: PrismaClient,
  sciId: string,
  limit: number,
  linkId?: string,
): Promise<Array<LinkRef & { statusTarget: unknown }>> {
  const rows = await prisma.link.findMany({
    where: { sciId, statusTarget: { not: Prisma.DbNull }, ...(linkId ? { id: linkId } : {}) },
    select: { ...linkSelect, statusTarget: true },
    orderBy: { lastSyncedAt: 'asc' },
    take: limit,
  });
  return rows.map((r) => ({ ...toLinkRef(r), statusTarget: r.statusTarget }));
}
