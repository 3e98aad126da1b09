/**
 * Echo suppression: a change we wrote must not come back as a new change. A write receipt holds,
 * per link, field and direction, the canonical hash of the value we wrote on the target side.
 */
import { oppositeDirection, type SyncDirection } from './mapping';

export interface WriteReceipt {
  /** Jira field id of the mapping, or a pseudo-field such as '@status'. */
  field: string;
  /** Direction of the write we made. */
  direction: SyncDirection;
  valueHash: string;
  writtenAt?: string;
}

/** The pseudo-field of status writes in receipts and baselines. */
export const STATUS_FIELD = '@status';

/**
 * True when an incoming change (arriving in `incoming` direction, e.g. 'jira_to_zoho' for a Jira
 * edit) carries exactly the value we last wrote to that side, i.e. our own write coming back.
 */
export function isEcho(
  receipts: readonly WriteReceipt[],
  field: string,
  incoming: SyncDirection,
  incomingValueHash: string,
): boolean {
  const written = oppositeDirection(incoming);
  const latest = latestReceipt(receipts, field, written);
  return latest !== undefined && latest.valueHash === incomingValueHash;
}

/** Receipts are one per (field, direction); when a history is passed, the newest counts. */
function latestReceipt(
  receipts: readonly WriteReceipt[],
  field: string,
  direction: SyncDirection,
): WriteReceipt | undefined {
  let latest: WriteReceipt | undefined;
  for (const r of receipts) {
    if (r.field !== field || r.direction !== direction) continue;
    if (!latest || (r.writtenAt ?? '') >= (latest.writtenAt ?? '')) latest = r;
  }
  return latest;
}

/** Events authored by our own app user (the Forge app's bot or the API-token user) are ours. */
export function isOwnActor(accountId: string | null | undefined, appAccountIds: readonly string[]): boolean {
  return !!accountId && appAccountIds.includes(accountId);
}
