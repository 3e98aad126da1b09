/**
 * Incremental reads of task and issue lists, as Zoho's V3 Filter Guide shapes them: the `filter`
 * param is JSON `{"criteria":[{"field_name","criteria_condition","value":[…]}],"pattern":"1"}`
 * (`pattern` required), date values are days (`yyyy-MM-dd`), and `sort_by` is `ASC(field)` or
 * `DESC(field)`. The comparator name `after` and its use with `last_modified_time` are UNCONFIRMED.
 *
 * A day filter is coarse and the day is the portal's (any time zone from UTC-12 to UTC+14): the day
 * asked for ends at least 24 h before `afterIso`, so no record modified after it is outside the
 * answer. Callers still compare exact times (and dedupe) themselves.
 */
import { HttpFailure } from '../http/failures';

export const MODIFIED_TIME_FIELD = 'last_modified_time';
export const NEWEST_FIRST = `DESC(${MODIFIED_TIME_FIELD})`;
const DAY_MS = 86_400_000;

/** The day whose `after` criterion covers every record modified after `afterIso`, in any time zone. */
export function filterDayFor(afterIso: string): string {
  return new Date(Date.parse(afterIso) - 2 * DAY_MS).toISOString().slice(0, 10);
}

/** The `filter` query value: records modified after `afterIso` (plus up to three days before it). */
export function modifiedSinceFilter(afterIso: string): string {
  return JSON.stringify({
    criteria: [{ field_name: MODIFIED_TIME_FIELD, criteria_condition: 'after', value: [filterDayFor(afterIso)] }],
    pattern: '1',
  });
}

/** Answers that say something else is wrong (URL, token, throttling), never the filter. */
const NOT_ABOUT_THE_FILTER = new Set([
  'URL_RULE_NOT_CONFIGURED',
  'INVALID_OAUTHTOKEN',
  'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED',
]);

/** A 400 to a filtered or sorted list call: the same list without them may still be read page by page. */
export function isFilterRefusal(err: unknown): err is HttpFailure {
  return (
    err instanceof HttpFailure &&
    err.service === 'zoho' &&
    err.status === 400 &&
    !NOT_ABOUT_THE_FILTER.has(err.apiCode ?? '')
  );
}
