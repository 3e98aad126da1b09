/** Who owns a mapped field, and which way its values flow, by sync mode. */
import { SYNC_MODE_CAPABILITIES } from './capabilities';
import type { FieldMappingInput, FieldOwner, SmartConnectedItem, SyncMode } from './model';

export const SYNC_DIRECTIONS = ['zoho_to_jira', 'jira_to_zoho'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

export type ResolvedFieldMapping = Omit<FieldMappingInput, 'owner'> & { owner: FieldOwner };
/** A mapping as submitted (owner optional) or as loaded (owner resolved, null = never writes). */
type OwnedMapping = { owner?: FieldOwner | null };

/** The owner a mode imposes on every mapping (one-way → zoho, two-way → both); null otherwise. */
export function derivedOwner(mode: SyncMode): FieldOwner | null {
  return SYNC_MODE_CAPABILITIES[mode].derivedOwner;
}

/**
 * The one definition of who owns a mapped field (store, planners, activities and validation call
 * it): one-way → Zoho, two-way → both, custom → the mapping's own owner. Null means the mapping
 * never writes either side: display-only items, and a custom mapping without an owner. Validation
 * refuses to save the latter; should one reach the engine anyway, guessing "both" would let it
 * overwrite values on both sides that nobody asked to sync, so it stays inert instead.
 */
export function ownerFor(mode: SyncMode, mapping: OwnedMapping): FieldOwner | null {
  if (mode === 'display_only') return null;
  return derivedOwner(mode) ?? mapping.owner ?? null;
}

const OWNER_DIRECTIONS: Readonly<Record<FieldOwner, readonly SyncDirection[]>> = {
  zoho: ['zoho_to_jira'],
  jira: ['jira_to_zoho'],
  both: ['zoho_to_jira', 'jira_to_zoho'],
};

export function directionsFor(owner: FieldOwner | null): readonly SyncDirection[] {
  return owner ? OWNER_DIRECTIONS[owner] : [];
}

export function flowsIn(mode: SyncMode, mapping: OwnedMapping, direction: SyncDirection): boolean {
  return directionsFor(ownerFor(mode, mapping)).includes(direction);
}

/** The mappings of an SCI whose values flow in `direction`, with owners resolved. */
export function mappingsFlowing(
  sci: Pick<SmartConnectedItem, 'mode' | 'mappings'>,
  direction: SyncDirection,
): ResolvedFieldMapping[] {
  return sci.mappings
    .filter((m) => flowsIn(sci.mode, m, direction))
    .map((m) => ({ ...m, owner: ownerFor(sci.mode, m)! }));
}

/** The opposite direction: the one whose writes could echo back as incoming changes. */
export function oppositeDirection(direction: SyncDirection): SyncDirection {
  return direction === 'zoho_to_jira' ? 'jira_to_zoho' : 'zoho_to_jira';
}
