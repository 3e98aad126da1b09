import { zohoSideHash } from '../../workflows/core/values/comparable';
import { carriedZohoUsers, zohoUserWrite, zpuidsOf } from '../../workflows/core/values/user-changes';
import type { ZohoField } from '../../workflows/core/model';

const owners: ZohoField = { id: 'owners', name: 'Owners', type: 'multiuser', custom: false, writable: true };
const u = (...ids: string[]) => ids.map((zpuid) => ({ zpuid, name: zpuid }));
const refs = (...ids: string[]) => ids.map((zpuid) => ({ zpuid }));

describe('multi-user writes as add/remove changes (Field Types page)', () => {
  it.each([
    // [what, desired, current, carried at the last sync, add, remove, Zoho after]
    [
      'Jira assignee changes A → C: A removed, B (not carried) kept',
      ['C'],
      ['A', 'B'],
      ['A'],
      ['C'],
      ['A'],
      ['B', 'C'],
    ],
    ['first sync knows no carried users: only adds', ['C'], ['A', 'B'], undefined, ['C'], [], ['A', 'B', 'C']],
    ['Jira assignee cleared: only the carried user goes', [], ['A', 'B'], ['A'], [], ['A'], ['B']],
    ['already there: nothing to write', ['B'], ['A', 'B'], ['A'], [], ['A'], ['B']],
    ['carried user already gone from Zoho: not removed again', ['C'], ['B'], ['A'], ['C'], [], ['B', 'C']],
    ['same value: no write', ['A'], ['A', 'B'], ['A'], [], [], ['A', 'B']],
  ])('%s', (_what, desired, current, carried, add, remove, after) => {
    const w = zohoUserWrite(owners, refs(...desired), u(...current), carried ? { zohoUsers: carried } : undefined);
    expect(w.patch).toEqual(add.length || remove.length ? [{ add: refs(...add), remove: refs(...remove) }] : null);
    expect(w.hash).toBe(zohoSideHash(u(...after), owners));
    expect(w.zohoUsers).toEqual(desired);
  });

  it('zpuids are read from every shape a record or conversion holds', () => {
    expect(zpuidsOf([{ zpuid: '1' }, { id: '2' }, { zpuid: '1' }])).toEqual(['1', '2']);
    expect(zpuidsOf({ zpuid: '3' })).toEqual(['3']);
    expect(zpuidsOf(null)).toEqual([]);
  });

  it('Zoho → Jira: the mapping carries the Zoho users that became the Jira value', () => {
    const users = [
      { email: 'a@x.io', zohoUserId: 'A', jiraAccountId: 'ja' },
      { email: 'b@x.io', zohoUserId: 'B', jiraAccountId: 'jb' },
    ];
    expect(carriedZohoUsers(users, u('A', 'B'), { accountId: 'ja' })).toEqual(['A']);
    expect(carriedZohoUsers(users, u('A', 'B'), [{ accountId: 'ja' }, { accountId: 'jb' }])).toEqual(['A', 'B']);
    expect(carriedZohoUsers(users, u('A'), null)).toEqual([]);
  });
});
