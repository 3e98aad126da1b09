/**
 * Dry-run preview of an item's next cycle, run on a worker (workflow `preview:<sciId>:<nonce>`): the
 * read-only activity uses the worker's clients and the worker's share of the Zoho budget, exactly as
 * the cycle would, and shows up in the Temporal Web UI next to the cycles it predicts.
 */
import type { CyclePreview } from './core/plan-preview';
import type { PreviewCycleInput } from '../activities/index';
import { scan } from './activity-options';

export async function previewItem(input: PreviewCycleInput): Promise<CyclePreview> {
  return scan.previewCycle(input);
}
