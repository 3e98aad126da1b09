import { HttpFailure } from '../../integrations/http/failures';
import { filterDayFor, isFilterRefusal, modifiedSinceFilter } from '../../integrations/zoho/modified-filter';

const zoho400 = (title: string) =>
  new HttpFailure('zoho', 400, 'client', 'refused', false, undefined, { error: { title, details: [] } });

describe('modified-time filter in the Filter Guide shape', () => {
  it.each([
    // The day asked for ends at least 24 h before the cursor: any portal time zone is covered.
    ['2026-12-03T06:00:00.000Z', '2026-12-01'],
    ['2026-12-03T00:00:00.000Z', '2026-12-01'],
    ['2026-12-03T23:59:59.999Z', '2026-12-01'],
    ['2026-01-01T10:00:00.000Z', '2025-12-30'],
  ])('records modified after %s are asked for as after day %s', (after, day) => {
    expect(filterDayFor(after)).toBe(day);
    expect(JSON.parse(modifiedSinceFilter(after))).toEqual({
      criteria: [{ field_name: 'last_modified_time', criteria_condition: 'after', value: [day] }],
      pattern: '1',
    });
  });

  it.each([
    [zoho400('INVALID_PARAMETER_VALUE'), true],
    [zoho400('LESS_THAN_MIN_OCCURANCE'), true],
    [zoho400('JSON_PARSE_ERROR'), true],
    [zoho400('URL_RULE_NOT_CONFIGURED'), false],
    [zoho400('INVALID_OAUTHTOKEN'), false],
    [zoho400('URL_ROLLING_THROTTLES_LIMIT_EXCEEDED'), false],
    [new HttpFailure('zoho', 500, 'server', 'down', true), false],
    [new HttpFailure('jira', 400, 'client', 'bad', false), false],
    [new Error('network'), false],
  ])('%s is a refusal of the filter: %s', (err, refusal) => {
    expect(isFilterRefusal(err)).toBe(refusal);
  });
});
