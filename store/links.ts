/** Links (Jira issue ⇄ Zoho record under one SCI) as the sync engine reads and writes them. */
import type { SyncBaseline } from '../workflows/core/conflict';
import type { WriteReceipt } from '../workflows/core/echo';
import type { PrismaClient } from './prisma';

export interface LinkRef {
  id: string;
  installationId: string;
  sciId: string;
  jiraIssueId: string;
  jiraIssueKey: string;
  zohoRecordId: string;
  origin: 'manual' | 'auto';
  zohoNoteCommentId: string | null;
  lastZohoModifiedAt: Date | null;
  lastJiraUpdatedAt: Date | null;
  /** Per mapped field (and '@status'): hashes of both sides as of the last sync; '@record' = Zoho record hash. */
  baseline: SyncBaseline;
}

export const linkSelect = {
  id: true,
  installationId: true,
  sciId: true,
  jiraIssueId: true,
  jiraIssueKey: true,
  zohoRecordId: true,
  origin: true,
  zohoNoteCommentId: true,
  lastZohoModifiedAt: true,
  lastJiraUpdatedAt: true,
  baseline: true,
} as const;

export function toLinkRef(row: Omit<LinkRef, 'baseline'> & { baseline: unknown }): LinkRef {
  const b = row.baseline && typeof row.baseline === 'object' && !Array.isArray(row.baseline) ? row.baseline : {};
  return { ...row, baseline: b as SyncBaseline };
}

export async function linksForRecords(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordIds: string[],
): Promise<Map<string, LinkRef>> {
  if (zohoRecordIds.length === 0) return new Map();
  const rows = await prisma.link.findMany({
    where: { sciId, zohoRecordId: { in: zohoRecordIds } },
    select: linkSelect,
  });
  return new Map(rows.map((r) => [r.zohoRecordId, toLinkRef(r)]));
}

export async function findLink(prisma: PrismaClient, linkId: string): Promise<LinkRef | null> {
  const row = await prisma.link.findUnique({ where: { id: linkId }, select: linkSelect });
  return row ? toLinkRef(row) : null;
}

/** The link of one Zoho record under one SCI, if any. */
export async function findLinkOfRecord(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordId: string,
): Promise<LinkRef | null> {
  const row = await prisma.link.findUnique({
    where: { sciId_zohoRecordId: { sciId, zohoRecordId } },
    select: linkSelect,
  });
  return row ? toLinkRef(row) : null;
}

/**
 * The auto-managed link of a created issue with its write receipts, in one SQL statement (this runs
 * once per auto-created record). Idempotent: when an earlier attempt stored the link already, that
 * link is kept and its id returned.
 */
export async function createAutoLink(
  prisma: PrismaClient,
  input: {
    installationId: string;
    sciId: string;
    jiraIssueId: string;
    jiraIssueKey: string;
    zohoRecordId: string;
    zohoRecordKey?: string;
    zohoRecordName?: string;
    zohoModifiedAt?: Date | null;
    baseline?: SyncBaseline;
    receipts?: readonly WriteReceipt[];
    now?: Date;
  },
): Promise<{ id: string; created: boolean }> {
  const receipts = input.receipts ?? [];
  // Timestamps travel as UTC ISO text: the columns are timestamp(3) without zone, in UTC (as Prisma writes them).
  const inserted = await prisma.$queryRaw<Array<{ id: string }>>`
    WITH l AS (
      INSERT INTO "Link" ("id", "installationId", "sciId", "jiraIssueId", "jiraIssueKey", "zohoRecordId", "zohoRecordKey",
                          "zohoRecordName", "origin", "lastZohoModifiedAt", "lastSyncedAt", "baseline")
      VALUES (gen_random_uuid()::text, ${input.installationId}, ${input.sciId}, ${input.jiraIssueId}, ${input.jiraIssueKey},
              ${input.zohoRecordId}, ${input.zohoRecordKey ?? null}, ${input.zohoRecordName ?? null}, 'auto',
              ${input.zohoModifiedAt?.toISOString() ?? null}::timestamp(3), ${(input.now ?? new Date()).toISOString()}::timestamp(3),
              ${JSON.stringify(input.baseline ?? {})}::jsonb)
      ON CONFLICT ("sciId", "zohoRecordId") DO NOTHING
      RETURNING "id"
    ), r AS (
      INSERT INTO "WriteReceipt" ("id", "linkId", "field", "direction", "valueHash")
      SELECT gen_random_uuid()::text, l."id", t.field, t.direction::"SyncDirection", t.value_hash
      FROM l CROSS JOIN unnest(${receipts.map((x) => x.field)}::text[], ${receipts.map((x) => x.direction)}::text[],
                               ${receipts.map((x) => x.valueHash)}::text[]) AS t(field, direction, value_hash)
    )
    SELECT "id" FROM l`;
  if (inserted.length > 0) return { id: inserted[0].id, created: true };
  const link = await findLinkOfRecord(prisma, input.sciId, input.zohoRecordId);
  if (!link) throw new Error(`The link of Zoho record ${input.zohoRecordId} could not be stored`);
  return { id: link.id, created: false };
}

/** After a successful sync of one link: new baseline hashes and source times. */
export async function markLinkSynced(
  prisma: PrismaClient,
  linkId: string,
  patch: {
    baseline?: SyncBaseline;
    zohoModifiedAt?: Date | null;
    jiraUpdatedAt?: Date | null;
    zohoRecordName?: string;
  },
): Promise<void> {
  await prisma.link
    .update({
      where: { id: linkId },
      data: {
        lastSyncedAt: new Date(),
        ...(patch.baseline ? { baseline: patch.baseline as never } : {}),
        ...(patch.zohoModifiedAt ? { lastZohoModifiedAt: patch.zohoModifiedAt } : {}),
        ...(patch.jiraUpdatedAt ? { lastJiraUpdatedAt: patch.jiraUpdatedAt } : {}),
        ...(patch.zohoRecordName ? { zohoRecordName: patch.zohoRecordName } : {}),
      },
    })
    .catch((err: unknown) => {
      // The link was removed while we synced it (unlink in the panel): nothing to mark.
      if ((err as { code?: string }).code !== 'P2025') throw err;
    });
}

/** Sets the Zoho note id only when none is set yet: the note is written once. Returns false if one existed. */
export async function setLinkNote(prisma: PrismaClient, linkId: string, commentId: string): Promise<boolean> {
  const res = await prisma.link.updateMany({
    where: { id: linkId, zohoNoteCommentId: null },
    data: { zohoNoteCommentId: commentId },
  });
  return res.count === 1;
}

/** Auto links whose Zoho note is still unwritten (deferred when the Zoho budget ran out). */
export async function linksMissingNote(prisma: PrismaClient, sciId: string, limit: number): Promise<LinkRef[]> {
  const rows = await prisma.link.findMany({
    where: { sciId, origin: 'auto', zohoNoteCommentId: null },
    select: linkSelect,
    take: limit,
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(toLinkRef);
}

export async function findLinksByIds(prisma: PrismaClient, linkIds: string[]): Promise<Map<string, LinkRef>> {
  if (linkIds.length === 0) return new Map();
  const rows = await prisma.link.findMany({ where: { id: { in: linkIds } }, select: linkSelect });
  return new Map(rows.map((r) => [r.id, toLinkRef(r)]));
}

/**
 * Of these unlinked records, the ones linked under the SCI before (OnceLinkedRecord, kept by a
 * trigger on Link): auto-create leaves them alone so an unlink never turns into a duplicate issue.
 */
export async function onceLinkedRecords(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordIds: string[],
): Promise<Set<string>> {
  if (zohoRecordIds.length === 0) return new Set();
  const rows = await prisma.onceLinkedRecord.findMany({
    where: { sciId, zohoRecordId: { in: zohoRecordIds } },
    select: { zohoRecordId: true },
  });
  return new Set(rows.map((r) => r.zohoRecordId));
}

/** The admin's "allow auto-create again" for a record that is not linked now; false when there was nothing to allow. */
export async function allowAutoCreateAgain(
  prisma: PrismaClient,
  sciId: string,
  zohoRecordId: string,
): Promise<boolean> {
  const linked = await prisma.link.count({ where: { sciId, zohoRecordId } });
  if (linked) return false;
  const { count } = await prisma.onceLinkedRecord.deleteMany({ where: { sciId, zohoRecordId } });
  return count > 0;
}
