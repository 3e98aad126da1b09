/**
 * Issue 12 §2 needs attention beyond status: a refused value and an unmapped user mark the record
 * with what to do, clear themselves when a later attempt writes that field, and never clear (or
 * get cleared by) the status walk's reason, which lives apart.
 */
import {
  attentionReasons,
  nextAttention,
  parseFieldAttention,
  refusedValueAttention,
  STATUS_WHAT_TO_DO,
  unmappedUserAttention,
  type FieldAttention,
} from '../../workflows/core/attention';

const AT = '2026-12-03T10:00:00.000Z';
const refusedLabels = refusedValueAttention('Jira', 'labels', 'Label too long', AT, 'Labels');
const refusedCode = refusedValueAttention('Zoho', 'customfield_1', 'Extra key legacy_code', AT, 'legacy_code');
const [unmappedAssignee] = unmappedUserAttention(
  [
    {
      field: 'assignee',
      code: 'conversion_failed',
      reason: 'Zoho user sam@example.com has no Jira user',
      unmappedUser: true,
    },
  ],
  'zoho_to_jira',
  AT,
  () => 'Assignee',
);

describe('needs attention: field reasons', () => {
  it('says what went wrong and what to do, in words', () => {
    expect(refusedLabels).toMatchObject({
      kind: 'refusedValue',
      field: 'labels',
      direction: 'zoho_to_jira',
      reason: 'Jira refused the value of "Labels": Label too long',
    });
    expect(refusedLabels.whatToDo).toMatch(/Change "Labels" in Zoho Projects to a value Jira accepts/);
    expect(refusedCode.whatToDo).toMatch(/in Jira to a value Zoho Projects accepts/);
    expect(unmappedAssignee.whatToDo).toMatch(/"User mapping"/);
  });

  it('only unmapped-user skips become reasons (other skips are reported on the run only)', () => {
    expect(
      unmappedUserAttention(
        [{ field: 'duedate', code: 'conversion_failed', reason: 'not a date' }],
        'zoho_to_jira',
        AT,
      ),
    ).toEqual([]);
  });

  it.each<[string, FieldAttention[], Parameters<typeof nextAttention>[1], Array<[string, string]>]>([
    [
      'a new refusal is added',
      [],
      { direction: 'zoho_to_jira', considered: ['labels'], found: [refusedLabels] },
      [['refusedValue', 'labels']],
    ],
    [
      'a later write of the field clears it',
      [refusedLabels],
      { direction: 'zoho_to_jira', considered: ['labels', 'summary'], found: [] },
      [],
    ],
    [
      'mapping the user clears it',
      [unmappedAssignee],
      { direction: 'zoho_to_jira', considered: ['assignee'], found: [] },
      [],
    ],
    [
      'an attempt on other fields leaves it',
      [refusedLabels],
      { direction: 'zoho_to_jira', considered: ['summary'], found: [] },
      [['refusedValue', 'labels']],
    ],
    [
      'the other direction leaves it',
      [refusedCode],
      { direction: 'zoho_to_jira', considered: ['customfield_1'], found: [] },
      [['refusedValue', 'customfield_1']],
    ],
    [
      'refused again: one reason, not two',
      [refusedLabels],
      { direction: 'zoho_to_jira', considered: ['labels'], found: [refusedLabels, refusedLabels] },
      [['refusedValue', 'labels']],
    ],
  ])('%s', (_name, before, attempt, after) => {
    expect(nextAttention(before, attempt).map((a) => [a.kind, a.field])).toEqual(after);
  });

  it('the panel lists every reason, status first; neither owner clears the other', () => {
    const reasons = attentionReasons('No transition leads to "Done"', [refusedLabels, unmappedAssignee]);
    expect(reasons.map((r) => [r.kind, r.field])).toEqual([
      ['status', 'status'],
      ['refusedValue', 'Labels'],
      ['unmappedUser', 'Assignee'],
    ]);
    expect(reasons[0].whatToDo).toBe(STATUS_WHAT_TO_DO);
    // The walk settling (status reason gone) leaves the field reasons.
    expect(attentionReasons(null, [refusedLabels]).map((r) => r.kind)).toEqual(['refusedValue']);
  });

  it('stored JSON that is not a reason is dropped, not shown wrong', () => {
    expect(parseFieldAttention([refusedLabels, { kind: 'bogus' }, 'x'])).toEqual([refusedLabels]);
    expect(parseFieldAttention(null)).toEqual([]);
  });
});
