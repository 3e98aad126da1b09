/**
 * Backfills (issue 12 §4): one row per run with its phase and paging position, one row per Zoho
 * record with its state, one per matching Jira issue. Inserts skip duplicates, so a retried page
 * stores nothing twice; progress is counted from the record states, never kept as a running sum.
 */
import {
  BACKFILL_CANCELLED,
  sameBackfillOptions,
  type BackfillOptions,
  type IssueRef,
} from '../workflows/core/plan-backfill';
import type { ZohoRecord } from '../workflows/core/model';
import type { PrismaClient } from './prisma';

/** Where the backfill is; a stopped one (finishedAt set before done) resumes from here. */
export type BackfillPhase = 'zoho' | 'jira' | 'apply' | 'done';
export type BackfillStatus = 'running' | 'done' | 'cancelled' | 'failed';

export function backfillStatus(row: Pick<BackfillRow, 'phase' | 'finishedAt' | 'error'>): BackfillStatus {
  if (row.phase === 'done') return 'done';
  if (!row.finishedAt) return 'running';
  return row.error === BACKFILL_CANCELLED ? 'cancelled' : 'failed';
}
/** Planned by a dry run / done by a run. */
export type BackfillRecordState =
  'pending' | 'link' | 'create' | 'linked' | 'created' | 'ambiguous' | 'skipped' | 'failed';

export interface BackfillRow {
  id: string;
  installationId: string;
  sciId: string;
  dryRun: boolean;
  options: BackfillOptions;
  phase: BackfillPhase;
  zohoPage: number;
  jiraPageToken: string | null;
  jiraScanned: number;
  error: string | null;
  workflowId: string;
  startedAt: Date;
  finishedAt: Date | null;
}

const toRow = (r: Omit<BackfillRow, 'options' | 'phase'> & { options: unknown; phase: string }): BackfillRow => ({
  ...r,
  options: r.options as unknown as BackfillOptions,
  phase: r.phase as BackfillPhase,
});

export async function createBackfill(
  prisma: PrismaClient,
  input: { installationId: string; sciId: string; dryRun: boolean; options: BackfillOptions; workflowId: string },
): Promise<BackfillRow> {
  return toRow(await prisma.backfill.create({ data: { ...input, options: input.options as object } }));
}

export async function loadBackfill(prisma: PrismaClient, id: string): Promise<BackfillRow | null> {
  const row = await prisma.backfill.findUnique({ where: { id } });
  return row ? toRow(row) : null;
}

/** The newest run of an item that stopped before it was done, with these options: a new start resumes it. */
export async function resumableBackfill(
  prisma: PrismaClient,
  sciId: string,
  options: BackfillOptions,
): Promise<BackfillRow | null> {
  const rows = await prisma.backfill.findMany({
    where: { sciId, dryRun: false, phase: { not: 'done' } },
    orderBy: { startedAt: 'desc' },
    take: 5,
  });
  const same = rows.find((r) => sameBackfillOptions(r.options as unknown as BackfillOptions, options));
  return same ? toRow(same) : null;
}

/** The newest backfill of an item (of a kind), if any. */
export async function latestBackfill(
  prisma: PrismaClient,
  sciId: string,
  where: { dryRun?: boolean } = {},
): Promise<BackfillRow | null> {
  const row = await prisma.backfill.findFirst({ where: { sciId, ...where }, orderBy: { startedAt: 'desc' } });
  return row ? toRow(row) : null;
}

export async function updateBackfill(
  prisma: PrismaClient,
  id: string,
  data: Partial<
    Pick<BackfillRow, 'phase' | 'zohoPage' | 'jiraPageToken' | 'jiraScanned' | 'error' | 'finishedAt' | 'workflowId'>
  >,
): Promise<void> {
  await prisma.backfill.update({ where: { id }, data });
}

export async function addBackfillRecords(
  prisma: PrismaClient,
  backfillId: string,
  rows: Array<{ record: ZohoRecord; matchValue: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  await prisma.backfillRecord.createMany({
    data: rows.map((r) => ({
      backfillId,
      zohoRecordId: r.record.id,
      matchValue: r.matchValue,
      record: r.record as unknown as object,
    })),
    skipDuplicates: true,
  });
}

/** Of these match values, the ones some record of the backfill has. */
export async function matchValuesPresent(
  prisma: PrismaClient,
  backfillId: string,
  values: string[],
): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const rows = await prisma.backfillRecord.findMany({
    where: { backfillId, matchValue: { in: values } },
    select: { matchValue: true },
    distinct: ['matchValue'],
  });
  return new Set(rows.map((r) => r.matchValue!));
}

export async function addBackfillCandidates(
  prisma: PrismaClient,
  backfillId: string,
  rows: Array<{ matchValue: string; issue: IssueRef }>,
): Promise<void> {
  if (rows.length === 0) return;
  await prisma.backfillCandidate.createMany({
    data: rows.map((r) => ({
      backfillId,
      matchValue: r.matchValue,
      jiraIssueId: r.issue.id,
      jiraIssueKey: r.issue.key,
    })),
    skipDuplicates: true,
  });
}

export interface PendingRecord {
  record: ZohoRecord;
  matchValue: string | null;
  state: BackfillRecordState;
}

/**
 * Records still to do. A run marks a record `link` / `create` just before acting on it, so one it
 * was acting on when it stopped is picked up again (and, found linked then, counted as done).
 */
export async function pendingBackfillRecords(
  prisma: PrismaClient,
  backfillId: string,
  take: number,
  opts: { inFlight: boolean },
): Promise<PendingRecord[]> {
  const rows = await prisma.backfillRecord.findMany({
    where: { backfillId, state: { in: opts.inFlight ? ['pending', 'link', 'create'] : ['pending'] } },
    orderBy: { zohoRecordId: 'asc' },
    take,
  });
  return rows.map((r) => ({
    record: r.record as unknown as ZohoRecord,
    matchValue: r.matchValue,
    state: r.state as BackfillRecordState,
  }));
}

/** Issues per match value, and how many records of the whole backfill share each value. */
export async function matchesFor(
  prisma: PrismaClient,
  backfillId: string,
  values: string[],
): Promise<{ issuesByValue: Map<string, IssueRef[]>; recordsPerValue: Map<string, number> }> {
  const issuesByValue = new Map<string, IssueRef[]>();
  const recordsPerValue = new Map<string, number>();
  if (values.length === 0) return { issuesByValue, recordsPerValue };
  const candidates = await prisma.backfillCandidate.findMany({
    where: { backfillId, matchValue: { in: values } },
    orderBy: { jiraIssueId: 'asc' },
  });
  for (const c of candidates)
    issuesByValue.set(c.matchValue, [
      ...(issuesByValue.get(c.matchValue) ?? []),
      { id: c.jiraIssueId, key: c.jiraIssueKey },
    ]);
  const groups = await prisma.backfillRecord.groupBy({
    by: ['matchValue'],
    where: { backfillId, matchValue: { in: values } },
    _count: { _all: true },
  });
  for (const g of groups) recordsPerValue.set(g.matchValue!, g._count._all);
  return { issuesByValue, recordsPerValue };
}

export async function setBackfillRecordState(
  prisma: PrismaClient,
  backfillId: string,
  zohoRecordId: string,
  state: BackfillRecordState,
  extra: { jiraIssueKey?: string | null; detail?: string | null } = {},
): Promise<void> {
  await prisma.backfillRecord.update({
    where: { backfillId_zohoRecordId: { backfillId, zohoRecordId } },
    data: { state, ...extra },
  });
}

export interface BackfillRecordView {
  zohoRecordId: string;
  zohoRecordKey?: string;
  name: string;
  state: BackfillRecordState;
  jiraIssueKey: string | null;
  detail: string | null;
}

/** Counts by state, and the first rows of each state (for the dry run's table). */
export async function backfillProgress(
  prisma: PrismaClient,
  backfillId: string,
  rowsPerState: number,
): Promise<{ counts: Record<BackfillRecordState, number>; total: number; rows: BackfillRecordView[] }> {
  const groups = await prisma.backfillRecord.groupBy({ by: ['state'], where: { backfillId }, _count: { _all: true } });
  const counts: Record<BackfillRecordState, number> = {
    pending: 0,
    link: 0,
    create: 0,
    linked: 0,
    created: 0,
    ambiguous: 0,
    skipped: 0,
    failed: 0,
  };
  for (const g of groups) counts[g.state as BackfillRecordState] = g._count._all;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const rows: BackfillRecordView[] = [];
  for (const state of Object.keys(counts) as BackfillRecordState[]) {
    if (state === 'pending' || counts[state] === 0) continue;
    const some = await prisma.backfillRecord.findMany({
      where: { backfillId, state },
      orderBy: { zohoRecordId: 'asc' },
      take: rowsPerState,
    });
    for (const r of some) {
      const record = r.record as unknown as ZohoRecord;
      rows.push({
        zohoRecordId: r.zohoRecordId,
        ...(record.key ? { zohoRecordKey: record.key } : {}),
        name: record.name,
        state,
        jiraIssueKey: r.jiraIssueKey,
        detail: r.detail,
      });
    }
  }
  return { counts, total, rows };
}
