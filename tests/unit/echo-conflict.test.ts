import { changesSince, isEcho, isOwnActor, lastWriter, resolveConflict, type WriteReceipt } from '../../workflows/core';

describe('echo suppression', () => {
  const receipts: WriteReceipt[] = [
    { field: 'summary', direction: 'zoho_to_jira', valueHash: 'h-new', writtenAt: '2026-01-10T10:00:00.000Z' },
    { field: 'labels', direction: 'jira_to_zoho', valueHash: 'h-labels' },
  ];
  it.each<[string, string, 'zoho_to_jira' | 'jira_to_zoho', string, boolean]>([
    ['a Jira change carrying the value we wrote to Jira is our echo', 'summary', 'jira_to_zoho', 'h-new', true],
    ['a Jira change with another value is a real change', 'summary', 'jira_to_zoho', 'h-other', false],
    ['a Zoho change carrying the value we wrote to Zoho is our echo', 'labels', 'zoho_to_jira', 'h-labels', true],
    ['a receipt of the same direction is not an echo of the incoming one', 'summary', 'zoho_to_jira', 'h-new', false],
    ['another field is not an echo', 'description', 'jira_to_zoho', 'h-new', false],
  ])('%s', (_name, field, incoming, hash, expected) => {
    expect(isEcho(receipts, field, incoming, hash)).toBe(expected);
  });
  it('only the newest receipt per field and direction counts', () => {
    const history: WriteReceipt[] = [
      { field: 'summary', direction: 'zoho_to_jira', valueHash: 'old', writtenAt: '2026-01-01T00:00:00.000Z' },
      { field: 'summary', direction: 'zoho_to_jira', valueHash: 'new', writtenAt: '2026-01-02T00:00:00.000Z' },
    ];
    expect(isEcho(history, 'summary', 'jira_to_zoho', 'old')).toBe(false);
    expect(isEcho(history, 'summary', 'jira_to_zoho', 'new')).toBe(true);
  });
  it.each([
    ['our app user', 'app-1', true],
    ['a person', 'user-9', false],
    ['no actor', null, false],
  ])('events by %s are own-actor=%s', (_name, accountId, expected) => {
    expect(isOwnActor(accountId, ['app-1', 'app-2'])).toBe(expected);
  });
});

describe('conflicts: both sides changed a field both own since the last sync', () => {
  it.each([
    ['nothing changed', { zohoHash: 'z', jiraHash: 'j' }, 'z', 'j', { zohoChanged: false, jiraChanged: false }],
    ['only Zoho changed', { zohoHash: 'z', jiraHash: 'j' }, 'z2', 'j', { zohoChanged: true, jiraChanged: false }],
    ['both changed', { zohoHash: 'z', jiraHash: 'j' }, 'z2', 'j2', { zohoChanged: true, jiraChanged: true }],
    ['no baseline and equal values: no change', undefined, 'z', 'j', { zohoChanged: false, jiraChanged: false }],
  ] as const)('%s', (_name, baseline, z, j, expected) => {
    expect(changesSince(baseline, z, j, baseline === undefined)).toEqual(expected);
  });

  it.each([
    ['Jira wrote last', '2026-01-10T10:00:00.000Z', '2026-01-10T10:05:00.000+0000', 'jira'],
    ['Zoho wrote last', '2026-01-10T10:06:00.000Z', '2026-01-10T10:05:00.000+0000', 'zoho'],
    ['Jira offsets are honoured', '2026-01-10T10:00:00.000Z', '2026-01-10T11:30:00.000+0200', 'zoho'],
    ['a tie goes to Zoho', '2026-01-10T10:00:00.000Z', '2026-01-10T10:00:00.000+0000', 'zoho'],
    ['a missing Zoho timestamp counts as oldest', undefined, '2026-01-10T10:00:00.000+0000', 'jira'],
  ] as const)('last writer wins: %s', (_name, zohoAt, jiraAt, winner) => {
    expect(lastWriter(zohoAt, jiraAt)).toBe(winner);
  });

  it('records the conflict with both values and timestamps', () => {
    expect(
      resolveConflict({
        field: 'summary',
        zohoValue: 'A',
        jiraValue: 'B',
        zohoModifiedAt: '2026-01-10T10:00:00.000Z',
        jiraUpdatedAt: '2026-01-10T10:05:00.000+0000',
      }),
    ).toEqual({
      winner: 'jira',
      conflict: {
        field: 'summary',
        zohoValue: 'A',
        jiraValue: 'B',
        winner: 'jira',
        zohoModifiedAt: '2026-01-10T10:00:00.000Z',
        jiraUpdatedAt: '2026-01-10T10:05:00.000+0000',
      },
    });
  });
});
