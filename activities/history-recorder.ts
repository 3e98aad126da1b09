/**
 * The one way activities write sync history: `ctx.history.note(link, rows)` queues rows (stamped
 * with the time and the running Temporal workflow/run), and `flush()` writes everything queued in
 * one createMany; createActivities flushes after every activity. History is a record, not part of
 * the sync: a failed write is logged and dropped, never failing the activity that did the work.
 */
import { Context } from '@temporalio/activity';
import type { HistoryDraft } from '../workflows/core/history';
import { insertHistory, type HistoryRow } from '../store/sync-history';
import type { PrismaClient } from '../store/prisma';

export interface HistoryLink {
  id: string;
  installationId: string;
  sciId: string;
  jiraIssueId: string;
}

export interface HistoryRecorder {
  note(link: HistoryLink, rows: readonly HistoryDraft[]): void;
  flush(): Promise<void>;
}

/** Rows queued before a flush is forced (one INSERT stays small). */
const MAX_QUEUED = 500;

function runningWorkflow(): { workflowId: string | null; runId: string | null } {
  try {
    const run = Context.current().info.workflowExecution;
    return { workflowId: run?.workflowId ?? null, runId: run?.runId ?? null };
  } catch {
    return { workflowId: null, runId: null }; // outside an activity (a route, a script)
  }
}

export function createHistoryRecorder(prisma: PrismaClient, clock: { now(): number }): HistoryRecorder {
  let queued: HistoryRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  const write = (rows: HistoryRow[]): Promise<void> => {
    writing = writing.then(() =>
      insertHistory(prisma, rows).then(
        () => undefined,
        (err: unknown) => {
          warn('sync history not recorded', { rows: rows.length, err: (err as Error).message });
        },
      ),
    );
    return writing;
  };
  const flush = (): Promise<void> => {
    if (queued.length === 0) return writing;
    const rows = queued;
    queued = [];
    return write(rows);
  };
  return {
    flush,
    note(link, rows) {
      if (rows.length === 0) return;
      const at = new Date(clock.now());
      const run = runningWorkflow();
      for (const r of rows) {
        queued.push({
          ...r,
          installationId: link.installationId,
          linkId: link.id,
          sciId: link.sciId,
          jiraIssueId: link.jiraIssueId,
          at,
          ...run,
        });
      }
      if (queued.length >= MAX_QUEUED) void flush();
    },
  };
}

function warn(message: string, attrs: Record<string, unknown>): void {
  try {
    Context.current().log.warn(message, attrs);
  } catch {
    console.warn(message, attrs);
  }
}

/** Each activity, followed by a flush of the history it noted (also when it throws). */
export function flushingHistory<T extends Record<string, (input: never) => Promise<unknown>>>(
  history: HistoryRecorder,
  activities: T,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (input: never) => {
      try {
        return await fn(input);
      } finally {
        await history.flush();
      }
    };
  }
  return wrapped as T;
}
