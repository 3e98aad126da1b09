/** Admin API: the Zoho budget cost of an item's cadence, shown in the wizard before saving. */
import { z } from 'zod';
import { ZOHO_MODULES } from '../../workflows/core/model';

export const budgetCostQuerySchema = z.object({
  cadenceMinutes: z.coerce.number().int().min(1).max(60),
  /** The item being edited (absent for a new item). */
  itemId: z.string().uuid().optional(),
  zohoPortalId: z.string().regex(/^\d{1,25}$/),
  zohoProjectId: z.string().regex(/^\d{1,25}$/),
  zohoModule: z.enum(ZOHO_MODULES),
});

export const budgetCostSchema = z.object({
  cadenceMinutes: z.number(),
  allowed: z.boolean(),
  /** Why the cadence is not allowed (e.g. one minute without server-side filtering). */
  reason: z.string().optional(),
  serverOrdering: z.boolean(),
  itemCallsPerWindow: z.number(),
  connectionCallsPerWindow: z.number(),
  backgroundLimit: z.number(),
  budgetPerWindow: z.number(),
  windowSeconds: z.number(),
  fits: z.boolean(),
  itemsOnConnection: z.number(),
});
export type BudgetCost = z.infer<typeof budgetCostSchema>;
