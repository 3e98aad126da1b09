import {
  buildUserDirectory,
  jiraAccountForZohoUser,
  zohoUserForJiraUser,
} from '../../workflows/core/values/user-directory';
import { toJira, toZoho } from '../../workflows/core/values/convert';
import type { JiraField, ZohoField } from '../../workflows/core/model';

const zohoUsers = [
  { zpuid: '2447529000000054003', name: 'Alex', email: 'Alex@Example.com' },
  { zpuid: '2447529000000057248', name: 'Priya', email: 'priya@example.com' },
  { zpuid: '2447529000000057254', name: 'Sam' },
];
const jiraUsers = [
  { accountId: 'acc-alex', displayName: 'Alex A', emailAddress: 'alex@example.com' },
  { accountId: 'acc-hidden', displayName: 'Hidden Hana' },
  { accountId: 'acc-bob', displayName: 'Bob', emailAddress: 'bob@example.com' },
];
const dir = buildUserDirectory(zohoUsers, jiraUsers);

describe('user directory: people matched by email across Zoho and Jira', () => {
  it('joins a Zoho and a Jira user sharing an email (case-insensitive), keeps the one-sided ones', () => {
    expect(dir).toEqual(
      expect.arrayContaining([
        {
          email: 'alex@example.com',
          zohoUserId: '2447529000000054003',
          jiraAccountId: 'acc-alex',
          displayName: 'Alex',
        },
        { email: 'priya@example.com', zohoUserId: '2447529000000057248', displayName: 'Priya' },
        { email: 'bob@example.com', jiraAccountId: 'acc-bob', displayName: 'Bob' },
        { jiraAccountId: 'acc-hidden', displayName: 'Hidden Hana' },
      ]),
    );
    expect(dir).toHaveLength(4);
  });

  it.each<[string, unknown, RegExp | string]>([
    ['a record owner carrying its email', { zpuid: '1', name: 'Alex', email: 'ALEX@example.com' }, 'acc-alex'],
    ['a record owner known only by zpuid', { zpuid: '2447529000000054003', name: 'Alex' }, 'acc-alex'],
    [
      'a Zoho user whose email no Jira user has',
      { zpuid: '2447529000000057248', name: 'Priya' },
      /^Zoho user priya@example.com has no Jira user with that email$/,
    ],
    ['a Zoho user without an email', { zpuid: '2447529000000057254', name: 'Sam' }, /Zoho user "Sam" has no email/],
  ])('Zoho → Jira: %s', (_name, zohoUser, expected) => {
    const m = jiraAccountForZohoUser(dir, zohoUser);
    if (typeof expected === 'string') expect(m).toEqual({ ok: true, id: expected });
    else expect(!m.ok && m.reason).toMatch(expected);
  });

  it.each<[string, unknown, RegExp | string]>([
    ['a Jira user known by accountId', { accountId: 'acc-alex' }, '2447529000000054003'],
    [
      'a Jira value showing an email',
      { accountId: 'acc-new', emailAddress: 'priya@example.com' },
      '2447529000000057248',
    ],
    [
      'a Jira user who hides the email',
      { accountId: 'acc-hidden', displayName: 'Hidden Hana' },
      /hides the email of user "Hidden Hana"/,
    ],
    [
      'a Jira user with no Zoho user',
      { accountId: 'acc-bob', displayName: 'Bob' },
      /"Bob" \(bob@example.com\) has no Zoho user/,
    ],
  ])('Jira → Zoho: %s', (_name, jiraUser, expected) => {
    const m = zohoUserForJiraUser(dir, jiraUser);
    if (typeof expected === 'string') expect(m).toEqual({ ok: true, id: expected });
    else expect(!m.ok && m.reason).toMatch(expected);
  });
});

describe('user values in the documented shapes', () => {
  const assignee: JiraField = { id: 'assignee', name: 'Assignee', type: 'user', custom: false };
  const owners: ZohoField = { id: 'owners', name: 'Owners', type: 'multiuser', custom: false, writable: true };
  const single: ZohoField = { ...owners, id: 'reviewer', type: 'user' };

  it.each<[string, unknown, ZohoField, unknown]>([
    ['several users as [{zpuid}]', { accountId: 'acc-alex' }, owners, [{ zpuid: '2447529000000054003' }]],
    ['one user as {zpuid}', { accountId: 'acc-alex' }, single, { zpuid: '2447529000000054003' }],
    ['no user clears owners', null, owners, []],
    ['no user clears a single user', null, single, null],
  ])('Jira → Zoho writes %s', (_name, value, field, expected) => {
    expect(toZoho(value, assignee, field, { users: dir })).toEqual({ ok: true, value: expected });
  });

  it('Zoho owners → Jira assignee takes the first owner', () => {
    const value = [
      { zpuid: '2447529000000054003', name: 'Alex', email: 'alex@example.com' },
      { zpuid: '2447529000000057248', name: 'Priya', email: 'priya@example.com' },
    ];
    expect(toJira(value, owners, assignee, { users: dir })).toEqual({ ok: true, value: { accountId: 'acc-alex' } });
  });

  it('refuses to write Zoho tags through a field mapping (tags have their own API)', () => {
    const tags: ZohoField = { id: 'tags', name: 'Tags', type: 'tags', custom: false, writable: false };
    const labels: JiraField = { id: 'labels', name: 'Labels', type: 'labels', custom: false };
    const r = toZoho(['a'], labels, tags);
    expect(!r.ok && r.reason).toMatch(/tags .*own API/);
  });
});
