/** Backfill matcher (issue 12 §4): link by a Jira field holding the Zoho key/id or by exact summary = name. */
import {
  issueMatchValues,
  normaliseMatchValue,
  planBackfillPage,
  recordMatchValue,
  type BackfillMatch,
  type BackfillPageInput,
  type IssueRef,
} from '../../workflows/core/plan-backfill';
import { record } from './fixtures';

const byLabel: BackfillMatch = { by: 'field', jiraFieldId: 'labels', zohoValue: 'key' };
const byCustomId: BackfillMatch = { by: 'field', jiraFieldId: 'customfield_10050', zohoValue: 'id' };
const bySummary: BackfillMatch = { by: 'summary' };
const OPS1: IssueRef = { id: '1', key: 'OPS-1' };
const OPS2: IssueRef = { id: '2', key: 'OPS-2' };

describe('match values', () => {
  it.each([
    ['  Fix   the Login ', 'fix the login'],
    ['ＦＵＬＬ width', 'full width'],
    ['tab\tand\nnewline', 'tab and newline'],
  ])('normalises %j to %j', (raw, want) => expect(normaliseMatchValue(raw)).toBe(want));

  it.each([
    [bySummary, { name: ' Login  page ' }, 'login page'],
    [byLabel, { key: 'PV-T12' }, 'pv-t12'],
    [byLabel, { key: undefined }, null],
    [byCustomId, { id: '2447529000000057123' }, '2447529000000057123'],
    [null, { name: 'x' }, null],
    [bySummary, { name: '   ' }, null],
  ] as const)('record value by %j of %j is %j', (match, fields, want) =>
    expect(recordMatchValue(record(fields), match)).toBe(want),
  );

  it.each([
    [byLabel, { labels: ['PV-T12', 'backend'] }, ['pv-t12', 'backend']],
    [byCustomId, { customfield_10050: '2447529000000057123' }, ['2447529000000057123']],
    [byCustomId, { customfield_10050: 'Zoho: 7, 8' }, ['zoho:', '7', '8']],
    [bySummary, { summary: 'Login  Page' }, ['login page']],
    [byLabel, {}, []],
  ] as const)('issue values by %j of %j are %j', (match, fields, want) =>
    expect(issueMatchValues({ fields: { ...fields } }, match)).toEqual(want),
  );
});

const base = (over: Partial<BackfillPageInput> = {}): BackfillPageInput => ({
  records: [{ zohoRecordId: 'r1', matchValue: 'v1' }],
  options: { match: bySummary, createRest: false },
  issuesByValue: new Map(),
  recordsPerValue: new Map([['v1', 1]]),
  linkedRecords: new Set(),
  linkedIssues: new Set(),
  onceLinked: new Set(),
  ...over,
});

describe('planBackfillPage', () => {
  it.each<[string, Partial<BackfillPageInput>, string, RegExp | null]>([
    ['one issue, one record: link', { issuesByValue: new Map([['v1', [OPS1]]]) }, 'link', null],
    [
      'two issues match: ambiguous, not linked',
      { issuesByValue: new Map([['v1', [OPS1, OPS2]]]) },
      'ambiguous',
      /2 Jira issues/,
    ],
    [
      'one issue matched by two records: ambiguous',
      { issuesByValue: new Map([['v1', [OPS1]]]), recordsPerValue: new Map([['v1', 2]]) },
      'ambiguous',
      /OPS-1 matches this record and 1 other/,
    ],
    [
      'two issues, one linked already: the other is linked',
      { issuesByValue: new Map([['v1', [OPS1, OPS2]]]), linkedIssues: new Set(['1']) },
      'link',
      null,
    ],
    [
      'record already linked: skipped (a rerun links nothing twice)',
      { issuesByValue: new Map([['v1', [OPS1]]]), linkedRecords: new Set(['r1']) },
      'skip',
      /Already linked/,
    ],
    [
      'the only match is linked to another record: skipped, not created',
      {
        issuesByValue: new Map([['v1', [OPS1]]]),
        linkedIssues: new Set(['1']),
        options: { match: bySummary, createRest: true },
      },
      'skip',
      /already linked to another record/,
    ],
    ['no match, no create: skipped', {}, 'skip', /No Jira issue matches/],
    ['no match, create the rest: create', { options: { match: bySummary, createRest: true } }, 'create', null],
    [
      'no match, linked once before: never created again',
      { options: { match: bySummary, createRest: true }, onceLinked: new Set(['r1']) },
      'skip',
      /Linked once before/,
    ],
    [
      'no matching at all, create only',
      { options: { match: null, createRest: true }, records: [{ zohoRecordId: 'r1', matchValue: null }] },
      'create',
      null,
    ],
  ])('%s', (_name, over, kind, reason) => {
    const [d] = planBackfillPage(base(over));
    expect(d.kind).toBe(kind);
    if (reason) expect((d as { reason: string }).reason).toMatch(reason);
    if (d.kind === 'link') expect(d.issue.key).toMatch(/^OPS-/);
  });

  it('decides each record of a page on its own', () => {
    const out = planBackfillPage(
      base({
        records: [
          { zohoRecordId: 'a', matchValue: 'x' },
          { zohoRecordId: 'b', matchValue: 'y' },
          { zohoRecordId: 'c', matchValue: null },
        ],
        options: { match: byLabel, createRest: true },
        issuesByValue: new Map([['x', [OPS1]]]),
        recordsPerValue: new Map([
          ['x', 1],
          ['y', 1],
        ]),
      }),
    );
    expect(out.map((d) => d.kind)).toEqual(['link', 'create', 'create']);
  });
});
