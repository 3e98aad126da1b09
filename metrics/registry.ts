/**
 * The product's Prometheus metrics (prom-client), one registry per process, every name prefixed
 * `zjc_`. Counters are bumped where the thing happens (client registry hooks, the shared Zoho
 * budget, run bookkeeping, the event path); gauges that describe shared state (outbox backlog,
 * Zoho budget used) are read when Prometheus scrapes. Served by metrics/exporter.ts.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'zjc_' });
const registers = [metricsRegistry];

export const syncCycles = new Counter({
  name: 'zjc_sync_cycles_total',
  help: 'Sync runs finished (scheduled cycles, event batches, refreshes) by outcome',
  labelNames: ['outcome'] as const,
  registers,
});

export const syncRecords = new Counter({
  name: 'zjc_records_total',
  help: 'Records a sync run created, updated, skipped or failed, and records left needing attention',
  labelNames: ['result'] as const,
  registers,
});

export const providerCalls = new Counter({
  name: 'zjc_provider_calls_total',
  help: 'HTTP calls to Zoho and Jira by service and status ("network" when no answer came)',
  labelNames: ['service', 'status'] as const,
  registers,
});

export const providerThrottled = new Counter({
  name: 'zjc_provider_throttled_total',
  help: 'Throttle answers received (HTTP 429, or Zoho URL_ROLLING_THROTTLES_LIMIT_EXCEEDED) by service',
  labelNames: ['service'] as const,
  registers,
});

export const zohoThrottlesAvoided = new Counter({
  name: 'zjc_zoho_throttles_avoided_total',
  help: 'Zoho calls the shared call budget held back (waited or deferred) instead of risking a Zoho block',
  registers,
});

export const zohoBudgetUsed = new Gauge({
  name: 'zjc_zoho_budget_used',
  help: 'Zoho calls in the current budget window per connection, all processes (as last seen by this one)',
  labelNames: ['connection'] as const,
  registers,
});

export const zohoBudgetLimit = new Gauge({
  name: 'zjc_zoho_budget_limit',
  help: 'Zoho calls allowed per budget window for this process lane',
  labelNames: ['lane'] as const,
  registers,
});

export const outboxBacklog = new Gauge({
  name: 'zjc_outbox_backlog',
  help: 'Jira events received and not yet signalled to Temporal (PostgreSQL outbox)',
  registers,
});

export const outboxOldestAge = new Gauge({
  name: 'zjc_outbox_oldest_age_seconds',
  help: 'Age of the oldest Jira event still waiting in the outbox (0 when empty)',
  registers,
});

export const eventToZohoWrite = new Histogram({
  name: 'zjc_event_to_zoho_write_seconds',
  help: 'From a Jira change (its time at the source) to the Zoho write that applied it',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers,
});

/** Counts the end of a run and its records (one place: store/sync-runs.ts calls it). */
export function countRun(
  outcome: string,
  totals: { created: number; updated: number; skipped: number; failed: number; needsAttention?: number },
): void {
  syncCycles.inc({ outcome });
  for (const result of ['created', 'updated', 'skipped', 'failed', 'needsAttention'] as const) {
    const n = totals[result] ?? 0;
    if (n > 0) syncRecords.inc({ result }, n);
  }
}
