/** Shared pieces of the bench scenarios: row shape, options, RSS sampling, simulator latency, budget row. */
import type { Harness, HarnessOptions } from '../../tests/e2e/support/harness';

export interface Row {
  name: string;
  measured: string;
  target: string;
  met: boolean;
}

export interface BenchOptions {
  links: number;
  autoCreate: number;
  events: number;
  burst: number;
  latencyMs: number;
  jiraCeiling: number;
}

let peakRss = 0;
export function sampleRss(): number {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return peakRss;
}

export function withLatency(o: BenchOptions, extra: HarnessOptions = {}): HarnessOptions {
  return { ...extra, config: { ...extra.config }, zohoBudgetLimit: extra.zohoBudgetLimit ?? 150 };
}

export async function addLatency(h: Harness, ms: number): Promise<void> {
  if (ms <= 0) return;
  h.zoho.control.injectFault({ kind: 'latency', latencyMs: ms, times: Infinity });
  h.jira.control.injectFault({ kind: 'latency', latencyMs: ms, count: Infinity });
}

export function budgetRow(h: Harness, what: string): Row {
  const blocks = h.zoho.control.rateLimitBlocks() as unknown[];
  const throttled = h.zoho.control.callLog().filter((c) => (c as { status?: number }).status === 429).length;
  return {
    name: `Zoho budget overruns (${what})`,
    measured: `${blocks.length} blocks, ${throttled} throttled answers`,
    target: '0',
    met: blocks.length === 0 && throttled === 0,
  };
}
