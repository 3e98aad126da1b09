/**
 * Where a Zoho connection's call budget comes from. Production: shared by every process through
 * PostgreSQL (shared-zoho-budgets.ts). `createProcessZohoBudgets` keeps one budget per connection in
 * this process only: for tests and tools that run without a database.
 */
import { createZohoBudget, type ZohoBudget } from '../integrations/zoho/budget';

export interface ZohoBudgets {
  /** The budget of one Zoho connection (same key → same budget for the life of the source). */
  budgetFor(connectionKey: string): ZohoBudget;
}

/** Default calls per 2 minutes per connection per process (ZOHO_BUDGET_PER_2MIN). */
export const DEFAULT_ZOHO_BUDGET_PER_2MIN = 80;

export function createProcessZohoBudgets(
  limit: number = DEFAULT_ZOHO_BUDGET_PER_2MIN,
  windowMs = 120_000,
): ZohoBudgets {
  const budgets = new Map<string, ZohoBudget>();
  return {
    budgetFor(connectionKey) {
      let budget = budgets.get(connectionKey);
      if (!budget) {
        budget = createZohoBudget({ limit, windowMs });
        budgets.set(connectionKey, budget);
      }
      return budget;
    },
  };
}
