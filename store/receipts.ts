/**
 * Write receipts: what we wrote, per link, field and direction (value hash). An incoming change
 * whose hash equals the receipt of our opposite-direction write is our own echo (core/echo.ts).
 */
import { randomUUID } from 'node:crypto';
import type { WriteReceipt } from '../workflows/core/echo';
import type { PrismaClient } from './prisma';

export type Direction = 'zoho_to_jira' | 'jira_to_zoho';

/** linkId → receipts (both directions). */
export async function receiptsForLinks(prisma: PrismaClient, linkIds: string[]): Promise<Map<string, WriteReceipt[]>> {
  const out = new Map<string, WriteReceipt[]>();
  if (linkIds.length === 0) return out;
  const rows = await prisma.writeReceipt.findMany({ where: { linkId: { in: linkIds } } });
  for (const r of rows) {
    const list = out.get(r.linkId) ?? [];
    list.push({ field: r.field, direction: r.direction, valueHash: r.valueHash, writtenAt: r.writtenAt.toISOString() });
    out.set(r.linkId, list);
  }
  return out;
}

/**
 * Upserts the link's receipts in ONE statement (INSERT … ON CONFLICT over unnest), not a
 * transaction of one upsert per field: one round trip per write. The same field and direction
 * twice: the last one wins, as it would one after the other.
 */
export async function recordReceipts(
  prisma: PrismaClient,
  linkId: string,
  receipts: readonly WriteReceipt[],
): Promise<void> {
  if (receipts.length === 0) return;
  const last = new Map(receipts.map((r) => [`${r.field}\n${r.direction}`, r]));
  const rows = [...last.values()];
  await prisma.$executeRaw`
    INSERT INTO "WriteReceipt" ("id", "linkId", "field", "direction", "valueHash", "writtenAt")
    SELECT t.id, ${linkId}, t.field, t.direction::"SyncDirection", t.value_hash, now() AT TIME ZONE 'UTC'
    FROM unnest(${rows.map(() => randomUUID())}::text[], ${rows.map((r) => r.field)}::text[],
                ${rows.map((r) => r.direction)}::text[], ${rows.map((r) => r.valueHash)}::text[])
      AS t(id, field, direction, value_hash)
    ON CONFLICT ("linkId", "field", "direction")
      DO UPDATE SET "valueHash" = EXCLUDED."valueHash", "writtenAt" = EXCLUDED."writtenAt"`;
}
