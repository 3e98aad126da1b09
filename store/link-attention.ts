/**
 * A link's field-write reasons for needing attention (Link.attention): refused values and unmapped
 * users. Read and replaced under a row lock, because the scheduled cycle (Zoho → Jira) and the
 * issue's event workflow (Jira → Zoho) may both finish an attempt on the same link at once.
 */
import {
  nextAttention,
  parseFieldAttention,
  sameAttention,
  type AttentionDirection,
  type FieldAttention,
} from '../workflows/core/attention';
import type { PrismaClient } from './prisma';
import { Prisma } from './prisma';

export interface AttentionAttempt {
  direction: AttentionDirection;
  /** Jira field ids this attempt tried to sync in `direction`. */
  considered: readonly string[];
  found: readonly FieldAttention[];
}

/** Applies one attempt's findings; returns the link's list afterwards (empty when unlinked meanwhile). */
export async function recordAttentionAttempts(
  prisma: PrismaClient,
  linkId: string,
  attempts: readonly AttentionAttempt[],
): Promise<FieldAttention[]> {
  if (attempts.every((a) => a.considered.length === 0 && a.found.length === 0)) return [];
  if (attempts.every((a) => a.found.length === 0)) return clearAttempted(prisma, linkId, attempts);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ attention: unknown }>>(
      Prisma.sql`SELECT "attention" FROM "Link" WHERE "id" = ${linkId} FOR UPDATE`,
    );
    if (!rows.length) return [];
    const before = parseFieldAttention(rows[0].attention);
    const after = attempts.reduce<FieldAttention[]>((list, a) => nextAttention(list, a), before);
    if (!sameAttention(before, after))
      await tx.link.update({ where: { id: linkId }, data: { attention: after as unknown as Prisma.InputJsonValue } });
    return after;
  });
}

/**
 * The common case, nothing found: the reasons of the attempted fields go, in one statement (its row
 * lock orders it with a concurrent attempt), and a link without reasons is not written at all.
 */
async function clearAttempted(
  prisma: PrismaClient,
  linkId: string,
  attempts: readonly AttentionAttempt[],
): Promise<FieldAttention[]> {
  const attempted = attempts
    .filter((a) => a.considered.length > 0)
    .map((a) => Prisma.sql`(e->>'direction' = ${a.direction} AND e->>'field' IN (${Prisma.join(a.considered)}))`);
  const rows = await prisma.$queryRaw<Array<{ attention: unknown }>>(
    Prisma.sql`UPDATE "Link" SET "attention" = COALESCE(
        (SELECT jsonb_agg(e) FROM jsonb_array_elements("attention") AS e WHERE NOT (${Prisma.join(attempted, ' OR ')})),
        '[]'::jsonb)
      WHERE "id" = ${linkId} AND jsonb_array_length("attention") > 0
      RETURNING "attention"`,
  );
  return rows.length ? parseFieldAttention(rows[0].attention) : [];
}

/** Links of an SCI that need attention now, for any reason (status walk or field writes). */
export async function countLinksNeedingAttention(prisma: PrismaClient, sciIds: string[]): Promise<Map<string, number>> {
  if (!sciIds.length) return new Map();
  const rows = await prisma.$queryRaw<Array<{ sciId: string; n: bigint }>>(
    Prisma.sql`SELECT "sciId", COUNT(*)::bigint AS n FROM "Link"
      WHERE "sciId" IN (${Prisma.join(sciIds)})
        AND ("needsAttention" IS NOT NULL OR jsonb_array_length("attention") > 0)
      GROUP BY "sciId"`,
  );
  return new Map(rows.map((r) => [r.sciId, Number(r.n)]));
}
