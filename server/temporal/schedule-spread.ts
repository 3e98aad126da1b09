/** What both Schedules of an item share: search attributes, and the offset that spreads sources over the interval. */
import { TypedSearchAttributes } from '@temporalio/common';
import { installationKey, sciKey } from '../../workflows/search-attributes';

export function attributesFor(installationId: string, sciId?: string): TypedSearchAttributes {
  const pairs = [{ key: installationKey, value: installationId }];
  if (sciId) pairs.push({ key: sciKey, value: sciId });
  return new TypedSearchAttributes(pairs);
}

/** Spread sources over the interval so 1 000 items do not all wake in the same second. */
export function offsetFor(
  sci: { installationId: string; zohoSource: { portalId: string; projectId: string; module: string } },
  intervalMs: number,
): number {
  const src = sci.zohoSource;
  const key = `${sci.installationId}|${src.portalId}|${src.projectId}|${src.module}`;
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h % Math.floor(intervalMs / 1000)) * 1000;
}
