/**
 * Incremental pull: one Zoho list call per page. By default the list is filtered by modified time
 * (the Filter Guide's day filter) and ordered newest first, so the scan stops at the first record
 * older than the cursor and an idle cycle costs one call; records on the boundary are read again
 * (cursor overlap) and deduped by content hash. A source that refuses the filter is read by the
 * page scan with client-side time comparison (⌈N/200⌉ calls), remembered per worker process.
 *
 * Shared pages: SCIs reading the same Zoho source within one cycle window reuse the same list call
 * (same query: page scan, or the filter of the same cursor day) from a short-lived in-process memo.
 * This is per worker process; with several workers, SCIs on other workers read on their own.
 */
import type { ZohoRecord } from '../workflows/core/model';
import { valueHash } from '../workflows/core/values/hash';
import { ZOHO_MODULE_CAPABILITIES } from '../workflows/core/capabilities';
import { ruleDecision, ruleGovernsStatus } from '../workflows/core/rules';
import { zohoFieldsFor } from './metadata';
import { isFilterRefusal } from '../integrations/zoho/modified-filter';
import type { ListRecordsOptions, RecordPage, ZohoApi, ZohoSource } from '../integrations/zoho/types';
import { linksForRecords, onceLinkedRecords } from '../store/links';
import { loadSmartConnectedItem } from '../store/items';
import { type CallCounter, type Ctx, heartbeat, warn, zohoClient, sourceOf } from './context';
import type { SmartConnectedItem } from '../workflows/core/model';
import { fallbackNotice, filterRefusal, rememberFilterRefusal, zohoSourceKey } from './zoho-filter-fallback';

/** Baseline pseudo-field holding the hash of the whole Zoho record as last synced. */
export const RECORD_HASH_FIELD = '@record';

export interface PullPageInput {
  sciId: string;
  page: number;
  /** ISO; records modified after it (cursor minus overlap) are candidates. null = full pass. */
  modifiedAfter: string | null;
  serverOrdered: boolean;
  /** Preview: also list the unlinked records kept out of auto-create, with why. */
  explain?: boolean;
}

/** An unlinked record the cycle leaves alone: kept out by the Conditional Sync Rule, or linked once before. */
export interface SkippedRecord {
  record: ZohoRecord;
  reason: 'rule' | 'once_linked';
}

export interface ChangedRecord {
  record: ZohoRecord;
  linkId: string;
}

export interface PullPageResult {
  changed: ChangedRecord[];
  /** Unlinked records to auto-create (rule already checked), only when the SCI auto-creates. */
  fresh: ZohoRecord[];
  /** Unlinked records the Conditional Sync Rule keeps out of auto-create (until they meet it). */
  skippedByRule: number;
  /** Unlinked records that were linked before: never auto-created again (see OnceLinkedRecord). */
  skippedOnceLinked?: number;
  scanned: number;
  /** Linked records seen whose content did not change (counted as skipped only in a full pass). */
  unchanged: number;
  hasNext: boolean;
  /** Server-ordered scans stop once older records appear. */
  reachedCursor: boolean;
  maxModifiedAt: string | null;
  zohoCalls: number;
  /** How the pages were read: server-filtered newest first, or the page scan (false). */
  serverOrdered?: boolean;
  /** Reported on the run: e.g. the one time a source falls back to the page scan. */
  notices?: string[];
  /** Only with `explain`. */
  skippedRecords?: SkippedRecord[];
}

export function recordHash(record: ZohoRecord): string {
  return valueHash({
    modifiedAt: record.modifiedAt,
    name: record.name,
    description: record.description,
    status: record.status?.id,
    fields: record.fields,
  });
}

/** Pages of recent list calls per Zoho source and query; an SCI never reuses a page it already consumed. */
const sharedPages = new Map<string, { at: number; page: Promise<RecordPage>; usedBy: Set<string> }>();
/**
 * Items sharing a source scan together (one schedule offset), a few pages apart at most: keeping the
 * newest pages is enough. Unbounded, a 10 000-record scan kept every page (~25 MB of the worker's heap).
 */
const SHARED_PAGES_MAX = 12;

/**
 * The time the server filter is asked for: the start of the cursor's UTC day, so SCIs on one source
 * whose cursors fall on the same day send the same query (and share it). Exact times are compared
 * per SCI afterwards.
 */
const sharedFloor = (afterIso: string): string => `${afterIso.slice(0, 10)}T00:00:00.000Z`;

interface ListedPage {
  page: RecordPage;
  /** Whether the page came from the server-filtered, newest-first list. */
  serverOrdered: boolean;
  /** Set the one time this source fell back to the page scan. */
  notice?: string;
}

interface ListPageArgs {
  zoho: ZohoApi;
  sciId: string;
  installationId: string;
  src: ZohoSource;
  input: PullPageInput;
  pageSize: number;
  now: number;
  ttlMs: number;
}

function sharedList(a: ListPageArgs, opts: ListRecordsOptions): Promise<RecordPage> {
  const key = `${zohoSourceKey(a.installationId, a.src)}|${opts.modifiedAfter ?? ''}|${opts.sortByModified ? 'desc' : ''}|${opts.page}|${opts.perPage}`;
  for (const [k, v] of sharedPages) if (a.now - v.at > a.ttlMs) sharedPages.delete(k);
  const hit = sharedPages.get(key);
  if (hit && !hit.usedBy.has(a.sciId)) {
    hit.usedBy.add(a.sciId);
    return hit.page;
  }
  const page = a.zoho.listRecords(a.src, opts);
  if (a.ttlMs <= 0) return page;
  sharedPages.set(key, { at: a.now, page, usedBy: new Set([a.sciId]) });
  for (const k of sharedPages.keys()) {
    if (sharedPages.size <= SHARED_PAGES_MAX) break;
    sharedPages.delete(k);
  }
  page.catch(() => sharedPages.delete(key));
  return page;
}

/**
 * One page: server-filtered and newest first by default, the page scan when this source refused
 * the filter (remembered, see ./zoho-filter-fallback.ts).
 */
async function listPage(a: ListPageArgs): Promise<ListedPage> {
  const base = { page: a.input.page, perPage: a.pageSize };
  const key = zohoSourceKey(a.installationId, a.src);
  if (!a.input.serverOrdered || filterRefusal(key, a.now)) {
    return { page: await sharedList(a, base), serverOrdered: false };
  }
  const after = a.input.modifiedAfter ? { modifiedAfter: sharedFloor(a.input.modifiedAfter) } : {};
  try {
    return { page: await sharedList(a, { ...base, sortByModified: true, ...after }), serverOrdered: true };
  } catch (err) {
    if (!isFilterRefusal(err)) throw err;
    const reason = err.apiCode ? `${err.apiCode}: ${err.message}` : err.message;
    rememberFilterRefusal(key, a.now, reason);
    warn('Zoho refused the modified-time filter; falling back to the page scan', { sciId: a.sciId, reason });
    return { page: await sharedList(a, base), serverOrdered: false, notice: fallbackNotice(a.src, reason) };
  }
}

async function pullOne(
  ctx: Ctx,
  sci: SmartConnectedItem,
  zoho: ZohoApi,
  counter: CallCounter,
  input: PullPageInput,
): Promise<PullPageResult> {
  const before = counter.zoho;
  const listed = await listPage({
    zoho,
    sciId: sci.id,
    installationId: sci.installationId,
    src: sourceOf(sci),
    input,
    pageSize: ctx.config.pageSize,
    now: ctx.clock.now(),
    ttlMs: ctx.config.sharedScanTtlMs,
  });
  const page = listed.page;
  const after = input.modifiedAfter ? Date.parse(input.modifiedAfter) : null;

  let maxModified: number | null = null;
  let reachedCursor = false;
  const candidates: ZohoRecord[] = [];
  for (const record of page.records) {
    const modified = record.modifiedAt ? Date.parse(record.modifiedAt) : NaN;
    if (!Number.isNaN(modified)) {
      maxModified = maxModified === null ? modified : Math.max(maxModified, modified);
      if (after !== null && modified <= after) {
        reachedCursor = true;
        continue;
      }
    }
    candidates.push(record);
  }

  const links = await linksForRecords(
    ctx.prisma,
    sci.id,
    candidates.map((r) => r.id),
  );
  const changed: ChangedRecord[] = [];
  const fresh: ZohoRecord[] = [];
  let unchanged = 0;
  let skippedByRule = 0;
  const creates = sci.autoCreate && ZOHO_MODULE_CAPABILITIES[sci.zohoModule].autoCreate;
  const unlinked = candidates.filter((r) => !links.has(r.id));
  const onceLinked = creates
    ? await onceLinkedRecords(
        ctx.prisma,
        sci.id,
        unlinked.map((r) => r.id),
      )
    : new Set<string>();
  let skippedOnceLinked = 0;
  const skippedRecords: SkippedRecord[] = [];
  const skip = (record: ZohoRecord, reason: SkippedRecord['reason']) => {
    if (input.explain) skippedRecords.push({ record, reason });
  };
  const zohoFields =
    creates && unlinked.length && ruleGovernsStatus(sci.rule)
      ? await zohoFieldsFor(sci.installationId, zoho, sourceOf(sci))
      : [];
  for (const record of candidates) {
    const link = links.get(record.id);
    if (!link) {
      if (!creates) continue;
      if (onceLinked.has(record.id)) {
        skippedOnceLinked += 1;
        skip(record, 'once_linked');
        continue;
      }
      if (ruleDecision(sci.rule, record, zohoFields).autoCreateAllowed) fresh.push(record);
      else {
        skippedByRule += 1;
        skip(record, 'rule');
      }
      continue;
    }
    // Overlap window and records without a modified time: unchanged content is not a change.
    if (link.baseline[RECORD_HASH_FIELD]?.zohoHash === recordHash(record)) {
      unchanged += 1;
      continue;
    }
    changed.push({ record, linkId: link.id });
  }
  return {
    changed,
    fresh,
    skippedByRule,
    skippedOnceLinked,
    scanned: page.records.length,
    unchanged,
    hasNext: page.hasNextPage && page.records.length > 0,
    reachedCursor: listed.serverOrdered && (reachedCursor || page.olderSeen === true),
    maxModifiedAt: maxModified === null ? null : new Date(maxModified).toISOString(),
    zohoCalls: counter.zoho - before,
    serverOrdered: listed.serverOrdered,
    ...(listed.notice ? { notices: [listed.notice] } : {}),
    ...(input.explain ? { skippedRecords } : {}),
  };
}

export interface PullPagesInput extends Omit<PullPageInput, 'page'> {
  fromPage: number;
  /** Pages read in one activity at most (fewer activity round trips on idle scans). */
  maxPages?: number;
  /** Return early once this many records need work, so results stay small. */
  stopAtCandidates?: number;
}

export interface PullPagesResult extends PullPageResult {
  /** The page to continue from, or null when the scan is complete. */
  nextPage: number | null;
  pagesRead: number;
}

/** Reads pages from `fromPage` until records need work, the page limit, or the end of the scan. */
export async function pullPages(ctx: Ctx, input: PullPagesInput): Promise<PullPagesResult> {
  return pullPagesFor(ctx, await loadSmartConnectedItem(ctx.prisma, input.sciId), input);
}

/** The same, for an SCI at hand (the preview passes an unsaved draft). Reads only. */
export async function pullPagesFor(
  ctx: Ctx,
  sci: SmartConnectedItem | null,
  input: PullPagesInput,
): Promise<PullPagesResult> {
  const out: PullPagesResult = {
    changed: [],
    fresh: [],
    skippedByRule: 0,
    skippedOnceLinked: 0,
    scanned: 0,
    unchanged: 0,
    hasNext: false,
    reachedCursor: true,
    maxModifiedAt: null,
    zohoCalls: 0,
    nextPage: null,
    pagesRead: 0,
  };
  if (!sci) return out;
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const zoho = await zohoClient(ctx, sci.installationId, counter);
  const maxPages = input.maxPages ?? 10;
  const stopAt = input.stopAtCandidates ?? 100;
  let serverOrdered = input.serverOrdered;
  const seen = new Set<string>();
  const firstSeen = (r: ZohoRecord) => !seen.has(r.id) && !!seen.add(r.id);
  for (let page = input.fromPage, read = 0; read < maxPages; read += 1) {
    heartbeat({ page });
    const r = await pullOne(ctx, sci, zoho, counter, { ...input, serverOrdered, page });
    out.pagesRead += 1;
    out.changed.push(...r.changed.filter((c) => firstSeen(c.record)));
    out.fresh.push(...r.fresh.filter(firstSeen));
    out.skippedByRule += r.skippedByRule;
    out.skippedOnceLinked = (out.skippedOnceLinked ?? 0) + (r.skippedOnceLinked ?? 0);
    out.scanned += r.scanned;
    out.unchanged += r.unchanged;
    if (r.skippedRecords) out.skippedRecords = [...(out.skippedRecords ?? []), ...r.skippedRecords];
    if (r.notices) out.notices = [...(out.notices ?? []), ...r.notices];
    if (r.maxModifiedAt && (!out.maxModifiedAt || r.maxModifiedAt > out.maxModifiedAt))
      out.maxModifiedAt = r.maxModifiedAt;
    const fellBack = serverOrdered && r.serverOrdered === false;
    serverOrdered = r.serverOrdered ?? serverOrdered;
    out.serverOrdered = serverOrdered;
    // Pages of the filtered list are not pages of the full list: a fallback past page 1 starts over.
    const restart = fellBack && page > 1;
    const done = !restart && (!r.hasNext || r.reachedCursor);
    const next = restart ? 1 : page + 1;
    out.reachedCursor = r.reachedCursor;
    out.hasNext = !done;
    out.nextPage = done ? null : next;
    if (done || out.changed.length + out.fresh.length >= stopAt) break;
    page = next;
  }
  out.zohoCalls = counter.zoho;
  return out;
}
