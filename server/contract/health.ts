/** Admin API: health at a glance (GET /api/admin/health), from the same counters the metrics use. */
import { z } from 'zod';

export const healthSchema = z.object({
  at: z.string(),
  zoho: z.object({
    /** The connection's shared window (store/zoho-call-ledger.ts): every server and worker together. */
    callsInWindow: z.number(),
    interactiveCalls: z.number(),
    backgroundCalls: z.number(),
    limit: z.number(),
    backgroundLimit: z.number(),
    windowSeconds: z.number(),
    /** Set while Zoho throttled the connection and every process waits. */
    pausedUntil: z.string().nullable(),
    /** zjc_zoho_throttles_avoided_total of this server process (waits instead of a Zoho block). */
    throttlesAvoided: z.number(),
  }),
  jira: z.object({
    /** zjc_provider_throttled_total{service="jira"} of this server process. */
    throttled429s: z.number(),
  }),
  outbox: z.object({ backlog: z.number(), oldestAgeSeconds: z.number() }),
  lastErrors: z.array(
    z.object({
      at: z.string(),
      item: z.string(),
      kind: z.string(),
      record: z.string().optional(),
      message: z.string(),
    }),
  ),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      zohoCadenceMinutes: z.number(),
      nextSync: z.string().nullable(),
      nextReconcile: z.string().nullable(),
    }),
  ),
});
export type Health = z.infer<typeof healthSchema>;
