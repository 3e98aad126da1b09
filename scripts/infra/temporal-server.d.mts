import type { ChildProcess } from 'node:child_process';

export const SEARCH_ATTRIBUTE_FLAGS: string[];
export function freePort(): Promise<number>;
export interface TemporalDevServer {
  pid: number | undefined;
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  child: ChildProcess;
}
export function startTemporalDevServer(opts?: {
  port?: number;
  uiPort?: number;
  headless?: boolean;
  dbFile?: string;
  logFile?: string;
  namespace?: string;
  timeoutMs?: number;
}): Promise<TemporalDevServer>;
export function stopTemporalDevServer(pid: number | undefined, timeoutMs?: number): Promise<void>;
