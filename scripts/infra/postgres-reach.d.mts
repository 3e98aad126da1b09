export const ROOT_CACHE: string;
export function reachableByOthers(path: string): boolean;
export function embeddedPostgresEntry(projectRoot: string): { entry: string; relocated: boolean };
export function reachableDataDir(dataDir: string): string;
