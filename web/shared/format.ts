/** Small display helpers shared by the admin page and the issue panel. */
import type { SyncMode } from '../../workflows/core/model';

export const MODE_LABELS: Record<SyncMode, string> = {
  display_only: 'None – Display Only',
  one_way: 'One-Way Sync',
  two_way: 'Two-Way Sync',
  custom: 'Custom Sync per Mapping',
};

export const MODE_SHORT: Record<SyncMode, string> = {
  display_only: 'Display only',
  one_way: 'One-way',
  two_way: 'Two-way',
  custom: 'Custom',
};

export type LozengeAppearance = 'default' | 'success' | 'removed' | 'inprogress' | 'new' | 'moved';

export const MODE_APPEARANCE: Record<SyncMode, LozengeAppearance> = {
  display_only: 'default',
  one_way: 'inprogress',
  two_way: 'success',
  custom: 'new',
};

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Lists from the server may be bare arrays or wrapped in an object; accept both. */
export function asList<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const k of keys) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}
