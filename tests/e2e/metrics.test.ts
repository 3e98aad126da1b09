/**
 * Prometheus metrics after a real sync: a scheduled cycle on the real Temporal server and
 * PostgreSQL, with the production client wiring (stored Zoho connection, client registry, shared
 * budget), then GET /metrics on the exporter the server and worker run.
 */
import { startMetricsExporter, type MetricsExporter } from '../../metrics/exporter';
import { serverMetricsCollector } from '../../metrics/server-gauges';
import { deleteSchedule, scheduledItemOf, triggerSyncNow, upsertSchedule } from '../../server/temporal/schedules';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';

let h: Harness;
let exporter: MetricsExporter;
beforeAll(async () => {
  h = await startHarness({ storedConnection: true });
  exporter = await startMetricsExporter({ port: 0, collect: serverMetricsCollector(h.prisma) });
}, 60_000);
afterAll(async () => {
  await exporter?.close();
  await h?.stop();
});

/** The value of one sample line, e.g. sample(text, 'zjc_sync_cycles_total{outcome="succeeded"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts the cycle, its records and its Zoho calls, and shows budget and outbox gauges', async () => {
    const before = await (await fetch(exporter.url)).text();
    const projectId = h.zoho.control.addProject({ name: 'Metrics proof', prefix: 'MP' });
    h.zoho.control.seedItems({ projectId, count: 2 });
    const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'one_way', projectId });
    const row = await h.prisma.smartConnectedItem.findUniqueOrThrow({ where: { id: sciId } });
    await upsertSchedule(h.client, scheduledItemOf(row, 'active'), { taskQueue: h.taskQueue });
    try {
      await triggerSyncNow(h.client, sciId);
      const run = await eventually(
        () => h.prisma.syncRun.findFirst({ where: { sciId, status: { not: 'running' } } }),
        'a finished SyncRun',
      );
      const res = await fetch(exporter.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      const cycles = `zjc_sync_cycles_total{outcome="${run.status}"}`;
      expect(sample(text, cycles)).toBe((sample(before, cycles) ?? 0) + 1);
      const zoho200 = sample(text, 'zjc_provider_calls_total{service="zoho",status="200"}') ?? 0;
      expect(zoho200).toBeGreaterThanOrEqual(run.zohoCalls);
      expect(sample(text, `zjc_zoho_budget_used{connection="${h.installationId}"}`)).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'zjc_zoho_budget_limit{lane="background"}')).toBe(64);
      expect(sample(text, 'zjc_outbox_backlog')).toBeGreaterThanOrEqual(0);
      expect(text).toContain('# TYPE zjc_event_to_zoho_write_seconds histogram');
      expect(text).toContain('# TYPE zjc_provider_throttled_total counter');
      expect(text).toContain('zjc_process_resident_memory_bytes');
      // Nothing secret in the scrape: no tokens, no client secrets.
      expect(text).not.toMatch(/oauthtoken|client_secret|refresh_token/i);
    } finally {
      await deleteSchedule(h.client, sciId);
    }
  });

  it('answers 404 with a hint anywhere else', async () => {
    const res = await fetch(exporter.url.replace('/metrics', '/'));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('/metrics');
  });
});
