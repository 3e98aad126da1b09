/**
 * After a record's field writes: the reasons this attempt found (values refused, users unmapped)
 * replace the ones of the fields it tried, on the link (Link.attention), and the run counts the
 * record once as needing attention. The status walk keeps its own reason (Link.needsAttention).
 */
import { unmappedUserAttention, type AttentionDirection, type FieldAttention } from '../workflows/core/attention';
import type { PlanSkip } from '../workflows/core/plan-types';
import type { SmartConnectedItem } from '../workflows/core/model';
import { recordAttentionAttempts, type AttentionAttempt } from '../store/link-attention';
import type { BatchResult } from './batch-result';
import type { Ctx } from './context';

export function attemptOf(
  sci: Pick<SmartConnectedItem, 'mappings'>,
  direction: AttentionDirection,
  considered: readonly string[],
  skipped: readonly PlanSkip[],
  refused: readonly FieldAttention[],
  at: string,
): AttentionAttempt {
  const nameOf = (f: string) => sci.mappings.find((m) => m.jiraFieldId === f)?.jiraFieldName;
  return { direction, considered, found: [...unmappedUserAttention(skipped, direction, at, nameOf), ...refused] };
}

/** Records the attempts on the link; counts the record on the run when a reason is left and not yet counted. */
export async function noteFieldAttention(
  ctx: Ctx,
  linkId: string,
  attempts: readonly AttentionAttempt[],
  result: BatchResult,
  alreadyCounted = false,
): Promise<FieldAttention[]> {
  const left = await recordAttentionAttempts(ctx.prisma, linkId, attempts);
  const foundNow = attempts.some((a) => a.found.length > 0);
  if (foundNow && !alreadyCounted) result.needsAttention += 1;
  return left;
}
