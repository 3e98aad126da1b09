/** Per-issue history rows from the planners' outputs: why, old → new, shortened, never a secret. */
import {
  HISTORY_VALUE_MAX,
  historyValue,
  scrubSecrets,
  zohoToJiraHistory,
  fieldLabeller,
} from '../../workflows/core/history';
import type { ZohoToJiraPlan } from '../../workflows/core/plan';

describe('history values', () => {
  it.each([
    ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer [redacted]'],
    ['token=s3cr3tvalue&x=1', 'token=[redacted]&x=1'],
    ['refresh_token: 1000.0123456789abcdef0123.0123456789abcdef0123', 'refresh_token: [redacted]'],
    ['jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig', 'jwt [redacted]'],
    ['a plain sentence stays as it is', 'a plain sentence stays as it is'],
  ])('scrubs %s', (text, expected) => {
    expect(scrubSecrets(text)).toBe(expected);
  });

  it('long values are shortened with an ellipsis; objects and ADF read as text', () => {
    const long = historyValue('x '.repeat(200))!;
    expect(long.length).toBe(HISTORY_VALUE_MAX);
    expect(long.endsWith('…')).toBe(true);
    expect(historyValue({ name: 'High', id: '2' })).toBe('High');
    expect(
      historyValue({
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }],
      }),
    ).toBe('Hi');
    expect(historyValue(null)).toBeNull();
  });
});

describe('Zoho → Jira rows', () => {
  const plan = (over: Partial<ZohoToJiraPlan>): ZohoToJiraPlan => ({
    conflicts: [],
    newBaseline: {},
    receipts: [],
    skipped: [],
    mirror: { comments: false, attachments: false },
    ...over,
  });
  const base = {
    jiraBefore: { summary: 'Old', priority: { name: 'Low' } },
    zohoBefore: () => undefined,
    appliedZoho: [],
    jiraLabel: fieldLabeller([{ id: 'summary', name: 'Summary' }] as never),
    zohoLabel: fieldLabeller([]),
  };
  const sci = (mode: 'one_way' | 'two_way' | 'custom', owner: 'zoho' | 'both' | null = null) => ({
    mode,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name', owner }],
  });

  it.each([
    ['one-way: Zoho owns', sci('one_way'), [], 'owner', 'Zoho owns this field'],
    [
      'two-way without conflict: this side changed it',
      sci('two_way'),
      [],
      'owner',
      'Two-way field; this side changed it',
    ],
    [
      'conflict Zoho won',
      sci('custom', 'both'),
      [{ field: 'summary', winner: 'zoho' }],
      'conflict_winner',
      'Both sides changed it; Zoho changed it last, so Zoho wins.',
    ],
  ])('%s', (_name, s, conflicts, why, detail) => {
    const rows = zohoToJiraHistory({
      ...base,
      sci: s as never,
      plan: plan({ edit: { fields: { summary: 'New' } }, conflicts: conflicts as never }),
      appliedJira: ['summary'],
    });
    expect(rows).toEqual([
      { direction: 'zoho_to_jira', kind: 'field_update', field: 'Summary', from: 'Old', to: 'New', why, detail },
    ]);
  });

  it('a field Jira refused (not applied) gets no update row; echo and rule rows say why', () => {
    const rows = zohoToJiraHistory({
      ...base,
      sci: sci('one_way') as never,
      plan: plan({
        edit: { fields: { summary: 'New' } },
        status: { source: 'rule', target: { statusId: '3' } },
        skipped: [
          { field: 'labels', code: 'echo', reason: 'The Zoho value is the one the connector wrote from Jira.' },
          { field: 'x', code: 'unchanged', reason: 'Unchanged since the last sync.' },
        ],
      }),
      appliedJira: [],
      statusMove: { from: 'To Do', to: 'Done' },
    });
    expect(rows.map((r) => [r.kind, r.why, r.field])).toEqual([
      ['status_transition', 'rule', 'Status'],
      ['skipped', 'echo', 'labels'],
    ]);
  });
});
