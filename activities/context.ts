/**
 * What every sync activity gets: injected dependencies (so tests pass simulators, never patches)
 * and small helpers to count API calls per activity.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi, ZohoSource } from '../integrations/zoho/types';
import type { SmartConnectedItem } from '../workflows/core/model';
import type { PrismaClient } from '../store/prisma';
import { createHistoryRecorder, type HistoryRecorder } from './history-recorder';

export interface SyncEngineConfig {
  /** Zoho page size (≤ 200). */
  pageSize: number;
  /** Deliberate overlap of the incremental cursor: clock skew and same-millisecond writes. */
  cursorOverlapMs: number;
  /**
   * Read Zoho lists filtered by modified time, newest first (the Filter Guide's `filter` + `sort_by`);
   * a source that refuses the filter falls back to the page scan. Off = always the page scan.
   */
  zohoServerOrdering: boolean;
  /** How long a retried auto-create keeps searching Jira (eventually consistent) before creating again. */
  createConsistencyHorizonMs: number;
  /** Largest attachment copied, bytes. */
  attachmentMaxBytes: number;
  /** Links whose deferred Zoho note is written per cycle (spends Zoho budget). */
  notesPerCycle: number;
  /** SCIs on the same Zoho source reuse a page scan for this long (0 = never share). */
  sharedScanTtlMs: number;
  /** Jira issue property that marks issues we created. */
  linkPropertyKey: string;
}

export const DEFAULT_SYNC_CONFIG: SyncEngineConfig = {
  pageSize: 200,
  cursorOverlapMs: 60_000,
  zohoServerOrdering: true,
  createConsistencyHorizonMs: 60_000,
  attachmentMaxBytes: 25 * 1024 * 1024,
  notesPerCycle: 40,
  sharedScanTtlMs: 20_000,
  linkPropertyKey: 'zoho-connector-link',
};

export interface Clock {
  now(): number;
}

export interface ActivityDeps {
  prisma: PrismaClient;
  zohoFor(installationId: string): ZohoApi | Promise<ZohoApi>;
  jiraFor(installationId: string): JiraApi | Promise<JiraApi>;
  clock?: Clock;
  /** Kept for activities that need to decrypt (the clients usually do that themselves). */
  secrets?: unknown;
  config?: Partial<SyncEngineConfig>;
  /** Jira site base URL for human links in Zoho notes (per installation); defaults to the stored siteUrl. */
  jiraSiteUrlFor?(installationId: string): Promise<string | undefined>;
  /** Per-link sync history (activities/history-recorder.ts); one per process by default. */
  history?: HistoryRecorder;
}

export interface Ctx {
  prisma: PrismaClient;
  clock: Clock;
  config: SyncEngineConfig;
  deps: ActivityDeps;
  history: HistoryRecorder;
}

export function makeCtx(deps: ActivityDeps): Ctx {
  const clock = deps.clock ?? { now: () => Date.now() };
  return {
    prisma: deps.prisma,
    clock,
    config: { ...DEFAULT_SYNC_CONFIG, ...deps.config },
    deps,
    history: deps.history ?? createHistoryRecorder(deps.prisma, clock),
  };
}

export interface CallCounter {
  zoho: number;
  jira: number;
}

/** Methods that make no HTTP call. */
const LOCAL_METHODS = new Set(['recordUrl', 'listModules']);

/** Wraps a client so each API method call is counted (one method call = one HTTP exchange). */
function counting<T extends object>(api: T, bump: () => void): T {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || LOCAL_METHODS.has(String(prop))) return value;
      return (...args: unknown[]) => {
        bump();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export async function clientsFor(
  ctx: Ctx,
  installationId: string,
  counter: CallCounter,
): Promise<{ zoho: ZohoApi; jira: JiraApi }> {
  const [zoho, jira] = await Promise.all([ctx.deps.zohoFor(installationId), ctx.deps.jiraFor(installationId)]);
  return {
    zoho: counting(zoho, () => {
      counter.zoho += 1;
    }),
    jira: counting(jira, () => {
      counter.jira += 1;
    }),
  };
}

export async function zohoClient(ctx: Ctx, installationId: string, counter: CallCounter): Promise<ZohoApi> {
  return counting(await ctx.deps.zohoFor(installationId), () => {
    counter.zoho += 1;
  });
}

export function sourceOf(sci: SmartConnectedItem): ZohoSource {
  return {
    portalId: sci.zohoPortalId,
    portalName: sci.zohoPortalName,
    projectId: sci.zohoProjectId,
    module: sci.zohoModule,
  };
}

/** Our own Jira user per installation (events it authored are our echoes). Cached per process. */
const appAccountCache = new Map<string, Promise<string>>();
export function appAccountId(installationId: string, jira: JiraApi): Promise<string> {
  let cached = appAccountCache.get(installationId);
  if (!cached) {
    cached = jira.myself().then((u) => u.accountId);
    cached.catch(() => appAccountCache.delete(installationId));
    appAccountCache.set(installationId, cached);
  }
  return cached;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Retryable failures (429, 5xx, network, Zoho budget: ApplicationFailures not marked
 * non-retryable, or an unreachable database) propagate so Temporal retries the activity;
 * anything else is a per-record failure that is recorded and does not abort the cycle.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ApplicationFailure) return !err.nonRetryable;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^P10\d\d$/.test(code);
}

/** The attempt number of the running activity (1 outside an activity). */
export function activityAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

export function heartbeat(details?: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // not inside an activity (direct call from a test or script)
  }
}

/** The activity's logger; outside an activity (a test or script) the console. */
export function warn(message: string, attrs: Record<string, unknown>): void {
  try {
    Context.current().log.warn(message, attrs);
  } catch {
    console.warn(message, attrs);
  }
}
