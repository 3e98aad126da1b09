/** Issue panel: a link's sync history (newest first, cursor paginated) and Retry now. */
import { z } from 'zod';
import { HISTORY_DIRECTIONS, HISTORY_KINDS, HISTORY_REASONS } from '../../workflows/core/history';

export const HISTORY_ROUTES = {
  list: 'GET /api/panel/links/:linkId/history',
  retry: 'POST /api/panel/links/:linkId/history/:entryId/retry',
} as const;

export const HISTORY_PAGE_DEFAULT = 20;
export const HISTORY_PAGE_MAX = 100;

const entryId = z.string().regex(/^\d{1,19}$/, 'must be a history entry id');

export const historyParams = z.object({ linkId: z.string().uuid() });
export const historyEntryParams = historyParams.extend({ entryId });
export const historyQuerySchema = z.object({
  /** The `nextCursor` of the previous page. */
  cursor: entryId.optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
});

export const historyEntrySchema = z.object({
  id: z.string(),
  /** ISO time the connector did it. */
  at: z.string(),
  direction: z.enum(HISTORY_DIRECTIONS).nullable(),
  kind: z.enum(HISTORY_KINDS),
  /** Field label (or "Status"); null for comments, attachments, link events. */
  field: z.string().nullable(),
  /** Values as short text (≤ 120 characters, secrets redacted). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  why: z.enum(HISTORY_REASONS).nullable(),
  /** The why in words. */
  whyText: z.string().nullable(),
  /** More words: for failures, what went wrong. */
  detail: z.string().nullable(),
  /** Failures offer Retry now (while the link exists and syncs). */
  retryable: z.boolean(),
  /** Jira administrators only: the Temporal Web UI page of the run that did it. */
  temporalUrl: z.string().url().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  entries: z.array(historyEntrySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const historyRetrySchema = z.object({ syncWorkflowId: z.string() });
export type HistoryRetry = z.infer<typeof historyRetrySchema>;
