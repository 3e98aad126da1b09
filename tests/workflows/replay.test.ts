/**
 * Determinism guard: saved histories of every workflow (recorded by scripts/bench/record-histories.ts)
 * must replay against the current workflow code. A change that breaks determinism fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/create-worker';

const DIR = join(__dirname, 'histories');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // installed already
}

describe('workflow histories replay with the current code', () => {
  it('has a saved history for each workflow', () => {
    expect(files).toEqual([
      'auto-create.json',
      'issue-events-batch.json',
      'issue-events-local.json',
      'issue-events.json',
      'reconcile-item.json',
      'refresh-link.json',
      'sync-item-batches.json',
      'sync-item-settle.json',
      'sync-item.json',
    ]);
  });

  it('replays every saved history without a nondeterminism error', async () => {
    const histories = files.map((f) => ({
      workflowId: f.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(join(DIR, f), 'utf8'))),
    }));
    const results: Array<{ workflowId: string; error?: unknown }> = [];
    for await (const r of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories)) {
      results.push({ workflowId: r.workflowId, error: r.error });
    }
    expect(results.map((r) => r.workflowId).sort()).toEqual(histories.map((h) => h.workflowId).sort());
    for (const r of results)
      expect({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }).toEqual({
        workflowId: r.workflowId,
        error: undefined,
      });
  }, 120_000);
});
