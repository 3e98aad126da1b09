/**
 * "Is this Smart Connected Item syncing?" — the one definition. The schedule's paused state, the
 * admin grid, sync-now, the lifecycle re-apply and the activities (cycle, refresh, Jira events)
 * all ask here, so an item can never be paused in one place and syncing in another.
 */
import { SYNC_MODE_CAPABILITIES } from './capabilities';
import type { SyncMode } from './model';

export const INSTALLATION_STATUSES = ['active', 'uninstalled'] as const;
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number];

export interface SyncSwitches {
  enabled: boolean;
  mode: SyncMode;
  /**
   * Omitted by activities: they run inside a cycle or an event batch of an installation that is
   * installed (uninstalling pauses every schedule, and Jira stops sending its events).
   */
  installationStatus?: InstallationStatus | string;
}

/** Why an item does not sync, most fundamental first (a display-only item never syncs at all). */
export type SyncPause = 'display_only' | 'uninstalled' | 'disabled';

export const SYNC_PAUSE_MESSAGES: Readonly<Record<SyncPause, string>> = {
  display_only: 'Display-only items never sync.',
  uninstalled: 'The app is uninstalled from this Jira site.',
  disabled: 'The Smart Connected Item is disabled.',
};

export function syncPause(item: SyncSwitches): SyncPause | null {
  if (!SYNC_MODE_CAPABILITIES[item.mode].synchronized) return 'display_only';
  if (item.installationStatus !== undefined && item.installationStatus !== 'active') return 'uninstalled';
  if (!item.enabled) return 'disabled';
  return null;
}

export function isSyncActive(item: SyncSwitches): boolean {
  return syncPause(item) === null;
}
