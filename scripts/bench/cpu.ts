/**
 * CPU accounting for bench rows (Linux /proc): CPU seconds used by this process and by its
 * descendants (the Temporal dev server, PostgreSQL, a worker process), grouped by program, between
 * two snapshots. It shows where a CPU-bound scenario spends the box's cores.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
  name: string;
}

const TICKS_PER_SECOND = 100;

function readProcs(): Proc[] {
  const out: Proc[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out; // not Linux
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // fields after ")": state(0) ppid(1) … utime(11) stime(12)
      out.push({ pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), name });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function group(p: Proc): string {
  if (p.pid === process.pid) return 'bench';
  if (p.name.startsWith('temporal')) return 'temporal';
  if (p.name.startsWith('postgres')) return 'postgres';
  try {
    const cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
    if (cmd.includes('worker/main')) return 'worker';
    if (cmd.includes('server/main') || cmd.includes('server.ts')) return 'server';
  } catch {
    // exited
  }
  return p.name;
}

/** CPU ticks per group for this process and its descendants. */
function snapshot(): Map<string, Map<number, number>> {
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const self = procs.find((p) => p.pid === process.pid);
  const out = new Map<string, Map<number, number>>();
  const visit = (p: Proc) => {
    const g = group(p);
    if (!out.has(g)) out.set(g, new Map());
    out.get(g)!.set(p.pid, p.ticks);
    for (const c of children.get(p.pid) ?? []) visit(c);
  };
  if (self) visit(self);
  return out;
}

/** [busy, total] ticks of the whole box (all cores) from /proc/stat. */
function boxTicks(): [number, number] {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return [total - idle, total];
  } catch {
    return [0, 0];
  }
}

export interface CpuMeter {
  stop(): Record<string, number>;
}

/**
 * Starts measuring; `stop()` returns CPU seconds per group (processes started in between count
 * fully), plus 'other' = CPU the rest of the box used meanwhile (other jobs competing for cores).
 */
export function startCpuMeter(): CpuMeter {
  const before = snapshot();
  const [busy0] = boxTicks();
  return {
    stop() {
      const after = snapshot();
      const [busy1] = boxTicks();
      const out: Record<string, number> = {};
      for (const [g, pids] of after) {
        let ticks = 0;
        for (const [pid, t] of pids) ticks += t - (before.get(g)?.get(pid) ?? 0);
        if (ticks > 0) out[g] = ticks / TICKS_PER_SECOND;
      }
      const ours = Object.values(out).reduce((a, b) => a + b, 0);
      const box = (busy1 - busy0) / TICKS_PER_SECOND;
      if (box > ours) out.other = box - ours;
      return out;
    },
  };
}

/** "bench 12.3 s, temporal 9.8 s, postgres 1.1 s" (largest first). */
export function formatCpu(cpu: Record<string, number>): string {
  return Object.entries(cpu)
    .sort((a, b) => b[1] - a[1])
    .filter(([, s]) => s >= 0.1)
    .map(([g, s]) => `${g} ${s.toFixed(1)} s`)
    .join(', ');
}

/** CPU per event (or record) for each process group: "temporal 2.1 ms, server 1.1 ms" (largest first). */
export function perEventCpu(cpu: Record<string, number>, count: number): string {
  if (count <= 0) return '-';
  return Object.entries(cpu)
    .sort((a, b) => b[1] - a[1])
    .filter(([, s]) => s >= 0.1)
    .map(([g, s]) => `${g} ${((s * 1000) / count).toFixed(1)} ms`)
    .join(', ');
}
