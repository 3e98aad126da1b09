/**
 * Zoho sources whose list refused the modified-time filter (or sort). Such a source is read by the
 * page scan instead, and the filter is tried again only after REPROBE_MS, so a refusing portal
 * costs one refused call per worker process per period, not one per cycle. Per process (like the
 * shared scan): another worker learns it with its own single refused call.
 */
import type { ZohoSource } from '../integrations/zoho/types';

export const REPROBE_MS = 6 * 3_600_000;

interface Refusal {
  at: number;
  reason: string;
}

const refused = new Map<string, Refusal>();

export function zohoSourceKey(
  installationId: string,
  src: Pick<ZohoSource, 'portalId' | 'projectId' | 'module'>,
): string {
  return `${installationId}|${src.portalId}|${src.projectId}|${src.module}`;
}

/** The refusal still in force for this source, if any. */
export function filterRefusal(key: string, now: number): Refusal | undefined {
  const r = refused.get(key);
  if (r && now - r.at >= REPROBE_MS) refused.delete(key);
  return refused.get(key);
}

export function rememberFilterRefusal(key: string, now: number, reason: string): void {
  refused.set(key, { at: now, reason });
}

/** What the run reports the one time a source falls back. */
export function fallbackNotice(src: Pick<ZohoSource, 'projectId' | 'module'>, reason: string): string {
  return (
    `Zoho refused the modified-time filter on ${src.module} of project ${src.projectId} (${reason}); ` +
    `this source is read page by page, and the filter is tried again after ${REPROBE_MS / 3_600_000} h.`
  );
}
