export function ensurePostgres(opts: {
  dataDir: string;
  database: string;
  port?: number;
  persistent?: boolean;
  log?: (m: string) => void;
}): Promise<{ url: string; stop: () => Promise<void>; external: boolean }>;
