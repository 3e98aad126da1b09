/**
 * Between bench scenarios: what one scenario leaves behind must not be measured by the next. A
 * scenario's teardown deletes its installation (10 000 links, outbox rows, runs), and PostgreSQL's
 * autovacuum then cleans those rows up a minute later, in the middle of whatever runs next; the
 * previous scenario's processes may still be winding down, and its entity workflows stay open on the
 * dev server (timers firing into a task queue nobody polls any more). The burst target is "on a
 * quiet box", so before each scenario the bench terminates what is still running, vacuums the
 * database itself and waits until the box is idle.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client as Postgres } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { runLimited } from '../../workflows/concurrency';

/** The whole box idle at least this share of one sample for it to count as quiet. */
const QUIET_IDLE_SHARE = 0.9;
const SAMPLE_MS = 500;
const QUIET_SAMPLES = 2;
const MAX_WAIT_MS = 60_000;

interface CpuTimes {
  idle: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are the box waiting.
  return { idle: ticks[3] + (ticks[4] ?? 0), total: ticks.slice(0, 8).reduce((a, b) => a + b, 0) };
}

async function idleShare(ms: number): Promise<number> {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  return b.total === a.total ? 1 : (b.idle - a.idle) / (b.total - a.total);
}

/** Terminates the workflows earlier scenarios left running; returns how many. */
async function terminateLeftovers(): Promise<number> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const running: string[] = [];
    for await (const w of client.workflow.list({ query: 'ExecutionStatus="Running"' })) running.push(w.workflowId);
    await runLimited(
      running,
      16,
      (id) =>
        client.workflow
          .getHandle(id)
          .terminate('bench: the previous scenario is over')
          .catch(() => undefined), // completed meanwhile
    );
    return running.length;
  } finally {
    await connection.close();
  }
}

/**
 * Terminates leftover workflows, VACUUM (ANALYZE)s the bench database, then waits for a quiet
 * box; returns a line for the log.
 */
export async function settle(databaseUrl: string): Promise<string> {
  const terminated = await terminateLeftovers();
  const t0 = performance.now();
  const pg = new Postgres({ connectionString: databaseUrl });
  await pg.connect();
  try {
    await pg.query('VACUUM (ANALYZE)');
  } finally {
    await pg.end();
  }
  const vacuumMs = performance.now() - t0;
  const t1 = performance.now();
  let quiet = 0;
  let share = 0;
  while (quiet < QUIET_SAMPLES && performance.now() - t1 < MAX_WAIT_MS) {
    share = await idleShare(SAMPLE_MS);
    quiet = share >= QUIET_IDLE_SHARE ? quiet + 1 : 0;
  }
  const waited = (performance.now() - t1) / 1000;
  const state = quiet >= QUIET_SAMPLES ? 'quiet' : `still busy after ${MAX_WAIT_MS / 1000} s`;
  return `settled: ${terminated} leftover workflows terminated, VACUUM ${Math.round(vacuumMs)} ms, box ${state} (${Math.round(share * 100)} % idle) after ${waited.toFixed(1)} s`;
}
