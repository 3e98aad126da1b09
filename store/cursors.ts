/** Incremental-pull cursors: valid only for the SCI configuration (fingerprint) they were taken with. */
import type { PrismaClient } from './prisma';

export interface CursorState {
  /** Records modified after this time are candidates; null = full scan (first run or config change). */
  modifiedAfter: Date | null;
  /** True when the stored cursor belonged to another configuration and was discarded. */
  reset: boolean;
  lastFullScanAt: Date | null;
}

export async function loadCursor(prisma: PrismaClient, sciId: string, fingerprint: string): Promise<CursorState> {
  const row = await prisma.syncCursor.findUnique({ where: { sciId } });
  if (!row) return { modifiedAfter: null, reset: false, lastFullScanAt: null };
  if (row.fingerprint !== fingerprint) return { modifiedAfter: null, reset: true, lastFullScanAt: row.lastFullScanAt };
  return { modifiedAfter: row.zohoModifiedAfter, reset: false, lastFullScanAt: row.lastFullScanAt };
}

/** Moves the cursor forward (never backward for the same fingerprint). */
export async function advanceCursor(
  prisma: PrismaClient,
  sciId: string,
  fingerprint: string,
  input: {
    modifiedAfter: Date | null;
    fullScan: boolean;
  },
): Promise<void> {
  const current = await prisma.syncCursor.findUnique({ where: { sciId } });
  let next = input.modifiedAfter;
  if (
    current &&
    current.fingerprint === fingerprint &&
    current.zohoModifiedAfter &&
    next &&
    current.zohoModifiedAfter > next
  ) {
    next = current.zohoModifiedAfter;
  }
  const data = {
    fingerprint,
    zohoModifiedAfter: next ?? current?.zohoModifiedAfter ?? null,
    ...(input.fullScan ? { lastFullScanAt: new Date() } : {}),
  };
  await prisma.syncCursor.upsert({ where: { sciId }, create: { sciId, ...data }, update: data });
}
