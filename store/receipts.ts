/**
 * Write receipts: what we wrote, per link, field and direction (value hash). An incoming change
 * whose hash equals the receipt of our opposite-direction write is our own echo (core/echo.ts).
 */
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

export async function recordReceipts(
  prisma: PrismaClient,
  linkId: string,
  receipts: readonly WriteReceipt[],
): Promise<void> {
  if (receipts.length === 0) return;
  await prisma.$transaction(
    receipts.map((r) =>
      prisma.writeReceipt.upsert({
        where: { linkId_field_direction: { linkId, field: r.field, direction: r.direction } },
        create: { linkId, field: r.field, direction: r.direction, valueHash: r.valueHash },
        update: { valueHash: r.valueHash, writtenAt: new Date() },
      }),
    ),
  );
}
