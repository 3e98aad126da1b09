/**
 * Admin: health at a glance. Read from the same sources as the Prometheus metrics: the shared Zoho
 * call ledger and pause row (zjc_zoho_budget_used), the outbox (zjc_outbox_backlog / oldest age,
 * store/outbox-stats.ts), this process's throttle counters, the latest runs' errors, and each
 * item's next runs from its Temporal Schedules (describe).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { laneLimit } from '../../../clients/shared-zoho-budgets';
import { providerThrottled, zohoThrottlesAvoided } from '../../../metrics/registry';
import { outboxStats } from '../../../store/outbox-stats';
import { createZohoCallLedger } from '../../../store/zoho-call-ledger';
import { healthSchema } from '../../contract/health';
import { invocationOf } from '../../plugins/forge-auth';
import { nextRuns } from '../../temporal/reconcile-schedule';

const auth = { auth: 'admin' as const };
const tags = ['admin: health'];
const WINDOW_MS = 120_000;
const LAST_ERRORS = 8;

interface ReadableCounter {
  get(): Promise<{ values: Array<{ labels: object; value: number }> }>;
}

async function counterValue(counter: ReadableCounter, labels?: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((v) => !labels || Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x))
    .reduce((sum, v) => sum + v.value, 0);
}

export const adminHealthRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledger = createZohoCallLedger(app.prisma);
  app.get('/health', { config: auth, schema: { tags, response: { 200: healthSchema } } }, async (request) => {
    const { installationId } = invocationOf(request);
    const limit = app.config.zohoBudgetPer2Min;
    const [usage, pause, outbox, runs, items] = await Promise.all([
      ledger.usage(installationId, WINDOW_MS),
      app.prisma.zohoBudgetPause.findUnique({ where: { connectionKey: installationId } }),
      outboxStats(app.prisma),
      app.prisma.syncRun.findMany({
        where: { installationId, NOT: { errors: { equals: [] } } },
        orderBy: { startedAt: 'desc' },
        take: LAST_ERRORS,
        select: { startedAt: true, kind: true, errors: true, sci: { select: { name: true } } },
      }),
      app.prisma.smartConnectedItem.findMany({
        where: { installationId },
        orderBy: { createdAt: 'asc' },
        select: { id: true, name: true, zohoCadenceMinutes: true },
      }),
    ]);
    const next = await Promise.all(items.map((i) => nextRuns(app.temporal, i.id).catch(() => null)));
    const lastErrors = runs
      .flatMap((r) =>
        ((Array.isArray(r.errors) ? r.errors : []) as Array<Record<string, unknown>>).slice(0, 2).map((e) => {
          const record = (e.jiraIssueKey ?? e.zohoRecordId) as string | undefined;
          return {
            at: r.startedAt.toISOString(),
            item: r.sci.name,
            kind: r.kind,
            ...(record ? { record: String(record) } : {}),
            message: String(e.message ?? 'unknown error'),
          };
        }),
      )
      .slice(0, LAST_ERRORS);
    const pausedUntil = pause && pause.pausedUntil.getTime() > Date.now() ? pause.pausedUntil.toISOString() : null;
    return {
      at: new Date().toISOString(),
      zoho: {
        callsInWindow: usage.interactive + usage.background,
        interactiveCalls: usage.interactive,
        backgroundCalls: usage.background,
        limit,
        backgroundLimit: laneLimit(limit, 'background'),
        windowSeconds: WINDOW_MS / 1000,
        pausedUntil,
        throttlesAvoided: await counterValue(zohoThrottlesAvoided),
      },
      jira: { throttled429s: await counterValue(providerThrottled, { service: 'jira' }) },
      outbox,
      lastErrors,
      items: items.map((i, n) => ({
        id: i.id,
        name: i.name,
        zohoCadenceMinutes: i.zohoCadenceMinutes,
        nextSync: next[n]?.sync ?? null,
        nextReconcile: next[n]?.reconcile ?? null,
      })),
    };
  });
};
