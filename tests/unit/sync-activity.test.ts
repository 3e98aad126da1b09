/** "Is this item syncing?": the one policy behind the schedule, the grid, sync-now and the activities. */
import type { SyncMode } from '../../workflows/core/model';
import {
  SYNC_PAUSE_MESSAGES,
  isSyncActive,
  syncPause,
  type SyncPause,
  type SyncSwitches,
} from '../../workflows/core/sync-activity';

describe('sync activity of a Smart Connected Item', () => {
  it.each<[SyncMode, boolean, SyncSwitches['installationStatus'], SyncPause | null]>([
    ['one_way', true, 'active', null],
    ['two_way', true, 'active', null],
    ['custom', true, 'active', null],
    ['one_way', false, 'active', 'disabled'],
    ['one_way', true, 'uninstalled', 'uninstalled'],
    ['one_way', false, 'uninstalled', 'uninstalled'],
    ['display_only', true, 'active', 'display_only'],
    ['display_only', false, 'uninstalled', 'display_only'],
    // An unknown status from the database never counts as installed.
    ['two_way', true, 'suspended', 'uninstalled'],
    // Activities omit the installation (uninstalling pauses every schedule first).
    ['custom', true, undefined, null],
    ['custom', false, undefined, 'disabled'],
    ['display_only', true, undefined, 'display_only'],
  ])('%s item, enabled=%s, installation %s: paused because %s', (mode, enabled, installationStatus, pause) => {
    const item = { mode, enabled, installationStatus };
    expect(syncPause(item)).toBe(pause);
    expect(isSyncActive(item)).toBe(pause === null);
  });

  it.each(Object.entries(SYNC_PAUSE_MESSAGES))('the %s pause has a message for people', (_pause, message) => {
    expect(message).toMatch(/^[A-Z].+\.$/);
  });
});
