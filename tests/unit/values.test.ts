import {
  comparableJira,
  fnv1a64,
  jiraSideHash,
  labelFromTag,
  stableJson,
  tagFromLabel,
  toIsoDate,
  toJira,
  toZoho,
  valueHash,
  type JiraField,
  type ValueContext,
  type ZohoField,
} from '../../workflows/core';

const jf = (type: JiraField['type'], extra: Partial<JiraField> = {}): JiraField => ({
  id: 'customfield_1',
  name: 'Jira field',
  type,
  custom: true,
  ...extra,
});
const zf = (type: ZohoField['type'], extra: Partial<ZohoField> = {}): ZohoField => ({
  id: 'cf',
  name: 'Zoho field',
  type,
  custom: true,
  writable: true,
  ...extra,
});
const ctx: ValueContext = {
  users: [{ email: 'alex@example.com', jiraAccountId: 'acc-alex', zohoUserId: '2447529000000054003' }],
  zohoTags: [{ id: '77', name: 'Needs review' }],
};
const options = [
  { id: '10100', value: 'Billable' },
  { id: '10101', value: 'Non billable' },
];

describe('Zoho → Jira value conversion (toJira)', () => {
  it.each<[string, unknown, ZohoField, JiraField, unknown]>([
    ['text to a single-line string', 'Fix login', zf('text'), jf('string'), 'Fix login'],
    ['single-line strings are cut at 255 characters', 'x'.repeat(300), zf('text'), jf('string'), 'x'.repeat(255)],
    ['rich text to plain string', '<p>a &amp; b</p>', zf('html'), jf('string'), 'a & b'],
    [
      'rich text to ADF',
      '<p><b>x</b></p>',
      zf('html'),
      jf('adf'),
      {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'strong' }] }] }],
      },
    ],
    [
      'plain text to ADF keeps lines',
      'a\nb',
      zf('text'),
      jf('adf'),
      {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
          },
        ],
      },
    ],
    ['empty rich text clears the Jira field', '', zf('html'), jf('adf'), null],
    ['numbers', '42.5', zf('decimal'), jf('number'), 42.5],
    ['percent strings', '40%', zf('percent'), jf('number'), 40],
    ['Zoho "MM-dd-yyyy" date to Jira "yyyy-MM-dd"', '03-05-2025', zf('date'), jf('date'), '2025-03-05'],
    ['Zoho ISO date to Jira date', '2025-03-05T00:00:00.000Z', zf('date'), jf('date'), '2025-03-05'],
    [
      'Zoho datetime to Jira datetime',
      '2025-03-05T10:15:00.000Z',
      zf('datetime'),
      jf('datetime'),
      '2025-03-05T10:15:00.000+0000',
    ],
    [
      'picklist to Jira option by id when options are known',
      'billable',
      zf('picklist'),
      jf('option', { allowedValues: options }),
      { id: '10100' },
    ],
    [
      'picklist to Jira option by value when options are unknown',
      'Billable',
      zf('picklist'),
      jf('option'),
      { value: 'Billable' },
    ],
    [
      'multi-picklist to Jira multi-select',
      ['Billable', 'Non billable'],
      zf('multipicklist'),
      jf('array', { allowedValues: options }),
      [{ id: '10100' }, { id: '10101' }],
    ],
    [
      'user by email',
      [{ zpuid: '1', name: 'Alex', email: 'Alex@Example.com' }],
      zf('multiuser'),
      jf('user'),
      { accountId: 'acc-alex' },
    ],
    [
      'Zoho tags to Jira labels (spaces become "_")',
      [
        { id: '77', name: 'Needs review' },
        { id: '78', name: 'ui' },
      ],
      zf('tags'),
      jf('labels'),
      ['Needs_review', 'ui'],
    ],
    ['Zoho priority to Jira priority', 'High', zf('priority'), jf('priority'), { name: 'High' }],
    [
      'Zoho priority to a known Jira priority id',
      'low',
      zf('priority'),
      jf('priority', { allowedValues: [{ id: '4', value: 'Low' }] }),
      { id: '4' },
    ],
  ])('%s', (_name, zohoValue, zohoField, jiraField, expected) => {
    expect(toJira(zohoValue, zohoField, jiraField, ctx)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown, ZohoField, JiraField, RegExp]>([
    ['an empty summary is refused (Jira requires one)', '', zf('text'), jf('string', { id: 'summary' }), /summary/],
    [
      'a value outside the Jira options',
      'Other',
      zf('picklist'),
      jf('option', { allowedValues: options }),
      /not an option/,
    ],
    ['a user without a Jira account', [{ email: 'nobody@example.com' }], zf('multiuser'), jf('user'), /no Jira user/],
    ['a non-number', 'abc', zf('text'), jf('number'), /not a number/],
    ['a non-date', 'tomorrow', zf('text'), jf('date'), /not a date/],
    ['Zoho priority "none" has no Jira counterpart', 'None', zf('priority'), jf('priority'), /no Jira priority/],
    ['status is never a mapped field', 'Open', zf('text'), jf('status'), /status sync/],
  ])('refuses %s', (_name, zohoValue, zohoField, jiraField, reason) => {
    const result = toJira(zohoValue, zohoField, jiraField, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('Jira → Zoho value conversion (toZoho)', () => {
  it.each<[string, unknown, JiraField, ZohoField, ValueContext, unknown]>([
    ['string to text', 'Fix login', jf('string'), zf('text'), ctx, 'Fix login'],
    [
      'ADF to rich text',
      { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '<x>' }] }] },
      jf('adf'),
      zf('html'),
      ctx,
      '<p>&lt;x&gt;</p>',
    ],
    ['plain string to rich text is escaped', 'a < b\nc', jf('string'), zf('html'), ctx, 'a &lt; b<br>c'],
    [
      'ADF to plain text',
      { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }] },
      jf('adf'),
      zf('text'),
      ctx,
      'hi',
    ],
    ['numbers', 3.7, jf('number'), zf('decimal'), ctx, 3.7],
    ['Jira date to ISO Zoho date', '2025-03-05', jf('date'), zf('date'), ctx, '2025-03-05'],
    [
      'Jira date to "MM-dd-yyyy" when asked',
      '2025-03-05',
      jf('date'),
      zf('date'),
      { zohoDateFormat: 'MM-dd-yyyy' },
      '03-05-2025',
    ],
    [
      'Jira datetime (+0000) to ISO',
      '2025-03-05T10:15:00.000+0000',
      jf('datetime'),
      zf('datetime'),
      ctx,
      '2025-03-05T10:15:00.000Z',
    ],
    [
      'Jira option to Zoho picklist value',
      { self: 'x', id: '10100', value: 'billable' },
      jf('option'),
      zf('picklist', { options: [{ id: '1', value: 'Billable' }] }),
      ctx,
      'Billable',
    ],
    [
      'Jira multi-select to Zoho multi-picklist',
      [{ value: 'A' }, { value: 'B' }],
      jf('array'),
      zf('multipicklist'),
      ctx,
      ['A', 'B'],
    ],
    [
      'Jira user to a single Zoho user written as {zpuid} (Field Types page), matched by email',
      { accountId: 'acc-alex', displayName: 'Alex' },
      jf('user'),
      zf('user'),
      ctx,
      { zpuid: '2447529000000054003' },
    ],
    [
      'Jira user to Zoho owners written as [{zpuid}] (Field Types page), never bare ids',
      { accountId: 'acc-alex', displayName: 'Alex' },
      jf('user'),
      zf('multiuser'),
      ctx,
      [{ zpuid: '2447529000000054003' }],
    ],
    [
      'Jira labels to known Zoho tags',
      ['Needs_review', 'new'],
      jf('labels'),
      zf('tags'),
      ctx,
      [{ id: '77', name: 'Needs review' }, { name: 'new' }],
    ],
    ['Jira priority to Zoho priority', { id: '1', name: 'Highest' }, jf('priority'), zf('priority'), ctx, 'high'],
    ['cleared Jira field clears Zoho text', null, jf('string'), zf('text'), ctx, ''],
  ])('%s', (_name, jiraValue, jiraField, zohoField, context, expected) => {
    expect(toZoho(jiraValue, jiraField, zohoField, context)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown, JiraField, ZohoField, RegExp]>([
    ['a read-only Zoho field', 'x', jf('string'), zf('text', { writable: false }), /read-only/],
    [
      'a value outside the Zoho options',
      { value: 'Other' },
      jf('option'),
      zf('picklist', { options: [{ id: '1', value: 'A' }] }),
      /not an option/,
    ],
    ['a Jira user with no Zoho user', { accountId: 'acc-zz' }, jf('user'), zf('user'), /no Zoho user/],
  ])('refuses %s', (_name, jiraValue, jiraField, zohoField, reason) => {
    const result = toZoho(jiraValue, jiraField, zohoField, ctx);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('labels ↔ tags rule: Jira labels cannot contain spaces', () => {
  it.each([
    ['Needs review', 'Needs_review'],
    ['  multiple   spaces here ', 'multiple_spaces_here'],
    ['tab\tand\nnewline', 'tab_and_newline'],
    ['no-space', 'no-space'],
  ])('tag %j becomes label %j', (tag, label) => {
    expect(labelFromTag(tag)).toBe(label);
  });
  it('a label matches the existing tag it came from, so round trips do not ping-pong', () => {
    expect(tagFromLabel('needs_REVIEW', [{ id: '77', name: 'Needs review' }])).toEqual({
      id: '77',
      name: 'Needs review',
    });
  });
});

describe('dates', () => {
  it.each([
    ['03-05-2025', '2025-03-05'],
    ['03-08-2025 12:00:00 AM', '2025-03-08'],
    ['2025-03-05', '2025-03-05'],
    ['02-30-2025', null],
    ['', null],
    [1741132800000, '2025-03-05'],
  ])('%j → %j', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });
});

describe('value hashes for echo receipts', () => {
  it('stable JSON ignores key order and undefined members', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(valueHash({ a: 1, b: 2 })).toBe(valueHash({ b: 2, a: 1 }));
    expect(valueHash('a')).not.toBe(valueHash('b'));
  });
  it('FNV-1a 64 matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
  it('the Jira-side hash of what we wrote equals the hash of what Jira returns', () => {
    const option = jf('option', { allowedValues: options });
    expect(jiraSideHash({ id: '10100' }, option)).toBe(
      jiraSideHash({ self: 'https://x/10100', id: '10100', value: 'Billable' }, option),
    );
    const labels = jf('labels');
    expect(comparableJira(['b', 'a'], labels)).toEqual(['a', 'b']);
    const adf = jf('adf');
    const written = toJira('<p>Hello <b>x</b></p>', zf('html'), adf).ok;
    expect(written).toBe(true);
    const ours = (toJira('<p>Hello <b>x</b></p>', zf('html'), adf) as { value: unknown }).value;
    const jiraEcho = {
      version: 1,
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { localId: 'abc' },
          content: [
            { type: 'text', text: 'Hello ' },
            { type: 'text', text: 'x', marks: [{ type: 'strong' }] },
          ],
        },
      ],
    };
    expect(comparableJira(ours, adf)).toBe('<p>Hello <strong>x</strong></p>');
    expect(jiraSideHash(ours, adf)).toBe(jiraSideHash(jiraEcho, adf));
  });
});
