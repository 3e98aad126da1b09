/**
 * The Zoho → Jira lane's cadence per Smart Connected Item, and what it costs in Zoho's call budget.
 * The spec's cycle runs every five minutes. One minute is allowed only where the server filters by
 * modified time (ZOHO_SERVER_ORDERING): then an idle cycle is ONE list call per Zoho source, while a
 * page scan reads every page of the source each cycle. Zoho counts calls per user in 2-minute
 * windows, so the cost is shown as calls per window for this item and for all items on the
 * connection, against the background lane's share of the budget (clients/shared-zoho-budgets.ts).
 */

export const DEFAULT_ZOHO_CADENCE_MINUTES = 5;
export const MIN_ZOHO_CADENCE_MINUTES = 1;
/** Without server-side modified-time filtering the spec's five minutes is the floor. */
export const MIN_ZOHO_CADENCE_MINUTES_SCANNING = 5;
export const MAX_ZOHO_CADENCE_MINUTES = 60;
export const ZOHO_WINDOW_MINUTES = 2;
/** Records per Zoho list page (V3 per_page ≤ 200). */
export const ZOHO_PAGE_SIZE = 200;

export type CadenceCheck = { ok: true } | { ok: false; reason: string };

export function checkZohoCadence(minutes: number, serverOrdering: boolean): CadenceCheck {
  if (!Number.isInteger(minutes) || minutes < MIN_ZOHO_CADENCE_MINUTES || minutes > MAX_ZOHO_CADENCE_MINUTES)
    return {
      ok: false,
      reason: `The cadence is a whole number of minutes from ${MIN_ZOHO_CADENCE_MINUTES} to ${MAX_ZOHO_CADENCE_MINUTES}.`,
    };
  if (!serverOrdering && minutes < MIN_ZOHO_CADENCE_MINUTES_SCANNING)
    return {
      ok: false,
      reason: `Below ${MIN_ZOHO_CADENCE_MINUTES_SCANNING} minutes needs Zoho's server-side modified-time filter (ZOHO_SERVER_ORDERING=true): without it every cycle reads every page.`,
    };
  return { ok: true };
}

export interface CadenceItem {
  id: string;
  cadenceMinutes: number;
  /** Zoho source key (portal/project/module): items on one source and cadence share one scan. */
  source: string;
  /** Records in the source, when known (a page scan reads ceil(records / 200) pages). */
  records?: number;
}

export interface ZohoBudgetCostInput {
  /** Every synchronized item on the connection, the one being edited with its new cadence. */
  items: readonly CadenceItem[];
  itemId: string;
  serverOrdering: boolean;
  /** ZOHO_BUDGET_PER_2MIN: calls per window for the whole connection. */
  budgetPerWindow: number;
  /** Share kept for interactive calls (panel, admin page); background sync may use the rest. */
  reserveShare?: number;
}

export interface ZohoBudgetCost {
  /** Idle-cycle Zoho calls per 2-minute window, steady state. */
  itemCallsPerWindow: number;
  connectionCallsPerWindow: number;
  /** Calls per window background sync may use on this connection. */
  backgroundLimit: number;
  budgetPerWindow: number;
  /** connectionCallsPerWindow / backgroundLimit, 0..∞. */
  share: number;
  fits: boolean;
}

/** Zoho calls one idle cycle of a source costs. */
export function idleCallsPerCycle(serverOrdering: boolean, records?: number): number {
  if (serverOrdering) return 1;
  return Math.max(1, Math.ceil((records ?? 0) / ZOHO_PAGE_SIZE));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function zohoBudgetCost(input: ZohoBudgetCostInput): ZohoBudgetCost {
  const perWindow = (cadence: number, records?: number) =>
    (idleCallsPerCycle(input.serverOrdering, records) * ZOHO_WINDOW_MINUTES) / Math.max(1, cadence);
  // Items reading the same source at the same cadence run together and share one scan.
  const groups = new Map<string, CadenceItem[]>();
  for (const item of input.items) {
    const key = `${item.source}|${item.cadenceMinutes}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  let connection = 0;
  let mine = 0;
  for (const group of groups.values()) {
    const records = Math.max(0, ...group.map((i) => i.records ?? 0));
    const cost = perWindow(group[0].cadenceMinutes, records);
    connection += cost;
    if (group.some((i) => i.id === input.itemId)) mine = cost;
  }
  const reserve = Math.ceil(input.budgetPerWindow * (input.reserveShare ?? 0.2));
  const backgroundLimit = Math.max(1, input.budgetPerWindow - reserve);
  return {
    itemCallsPerWindow: round1(mine),
    connectionCallsPerWindow: round1(connection),
    backgroundLimit,
    budgetPerWindow: input.budgetPerWindow,
    share: round1(connection / backgroundLimit),
    fits: connection <= backgroundLimit,
  };
}

export const DEFAULT_RECONCILE_EVERY_HOURS = 24;
export const MIN_RECONCILE_EVERY_HOURS = 1;
export const MAX_RECONCILE_EVERY_HOURS = 24 * 7;
