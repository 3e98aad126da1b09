export const TEMPORAL_SERVER_VERSION: string;
export const TEMPORAL_UI_VERSION: string;
export function clusterCacheDir(): string;
export function serverModuleDir(): string;
export function ensureTemporalClusterBinaries(
  log?: (m: string) => void,
): Promise<{ server: string; sqlTool: string; ui?: string; moduleDir: string }>;
