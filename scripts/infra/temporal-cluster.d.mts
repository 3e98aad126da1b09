export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}
export function temporalPorts(offset?: number): Record<string, string>;
export function setupTemporalSchema(o: {
  sqlTool: string;
  moduleDir: string;
  pg: PgConnection;
  log: (m: string) => void;
}): void;
export interface TemporalServer {
  address: string;
  namespace: string;
  readonly pid: number | undefined;
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
  ui?: string;
}
export function startTemporalServer(o: {
  workDir: string;
  pg: PgConnection;
  portOffset?: number;
  logFile?: string;
  log?: (m: string) => void;
}): Promise<TemporalServer>;
export function startTemporalUi(o: { ui: string; address: string; port: number; workDir: string; logFile?: string }): {
  url: string;
  stop(): Promise<void>;
};
