export const TEMPORAL_CLI_VERSION: string;
export function cacheDir(): string;
export function findTemporalCli(): string | undefined;
export function ensureTemporalCli(log?: (m: string) => void): Promise<string>;
