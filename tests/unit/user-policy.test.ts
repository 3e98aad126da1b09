/**
 * Issue 12 §7: Jira Cloud hides most emails, so an admin pairs Zoho users with Jira accounts in
 * the user mapping table (the pair wins over email), and each item says what happens to a user
 * nobody can pair: leave the field unassigned, write a default user, or mark the record as needing
 * attention (the field is left as it is).
 */
import {
  buildUserDirectory,
  jiraAccountForZohoUser,
  zohoUserForJiraUser,
} from '../../workflows/core/values/user-directory';
import { toJira, toZoho, type ConversionResult } from '../../workflows/core/values/convert';
import { unmappedUserOutcome, type UnmappedUserSettings } from '../../workflows/core/values/user-policy';
import type { JiraField, ZohoField } from '../../workflows/core/model';

const HANA_ZOHO = '2447529000000099001';
const zohoUsers = [
  { zpuid: '2447529000000054003', name: 'Alex', email: 'alex@example.com' },
  { zpuid: HANA_ZOHO, name: 'Hana', email: 'hana@example.com' },
  { zpuid: '2447529000000057254', name: 'Sam' },
];
const jiraUsers = [
  { accountId: 'acc-alex', displayName: 'Alex A', emailAddress: 'alex@example.com' },
  { accountId: 'acc-hidden', displayName: 'Hidden Hana' },
];
const pairs = [
  { zohoUserId: HANA_ZOHO, jiraAccountId: 'acc-hidden', zohoEmail: 'Hana@Example.com', displayName: 'Hana' },
];
const plain = buildUserDirectory(zohoUsers, jiraUsers);
const mapped = buildUserDirectory(zohoUsers, jiraUsers, pairs);

describe('user mapping table: pairs the email cannot', () => {
  it.each<[string, typeof plain, unknown, string | RegExp]>([
    [
      'Zoho → Jira without the table: Jira hides Hana’s email',
      plain,
      { zpuid: HANA_ZOHO },
      /hana@example.com has no Jira user/,
    ],
    ['Zoho → Jira with the table', mapped, { zpuid: HANA_ZOHO, name: 'Hana' }, 'acc-hidden'],
    ['Zoho → Jira by the email of a mapped user', mapped, 'hana@example.com', 'acc-hidden'],
    ['Zoho → Jira, unmapped users still match by email', mapped, { zpuid: '2447529000000054003' }, 'acc-alex'],
  ])('%s', (_name, dir, zohoUser, expected) => {
    const m = jiraAccountForZohoUser(dir, zohoUser);
    if (typeof expected === 'string') expect(m).toEqual({ ok: true, id: expected });
    else expect(!m.ok && m.reason).toMatch(expected);
  });

  it.each<[string, typeof plain, unknown, string | RegExp]>([
    [
      'Jira → Zoho without the table',
      plain,
      { accountId: 'acc-hidden', displayName: 'Hidden Hana' },
      /hides the email/,
    ],
    ['Jira → Zoho with the table', mapped, { accountId: 'acc-hidden', displayName: 'Hidden Hana' }, HANA_ZOHO],
    ['Jira → Zoho, email matches still work', mapped, { accountId: 'acc-alex' }, '2447529000000054003'],
  ])('%s', (_name, dir, jiraUser, expected) => {
    const m = zohoUserForJiraUser(dir, jiraUser);
    if (typeof expected === 'string') expect(m).toEqual({ ok: true, id: expected });
    else expect(!m.ok && m.reason).toMatch(expected);
  });

  it('a pair wins over an email match (the admin said who this is)', () => {
    const dir = buildUserDirectory(zohoUsers, jiraUsers, [
      { zohoUserId: '2447529000000054003', jiraAccountId: 'acc-other' },
    ]);
    expect(jiraAccountForZohoUser(dir, { zpuid: '2447529000000054003' })).toEqual({ ok: true, id: 'acc-other' });
  });
});

describe('policy for unmapped users', () => {
  const assignee: JiraField = { id: 'assignee', name: 'Assignee', type: 'user', custom: false };
  const owners: ZohoField = { id: 'owners', name: 'Owners', type: 'multiuser', custom: false, writable: true };
  const reviewer: ZohoField = { ...owners, id: 'reviewer', name: 'Reviewer', type: 'user' };
  const SAM = { zpuid: '2447529000000057254', name: 'Sam' };
  const HIDDEN = { accountId: 'acc-hidden', displayName: 'Hidden Hana' };
  const ALEX = { accountId: 'acc-alex' };
  const unassigned: UnmappedUserSettings = { policy: 'unassigned' };
  const byDefault: UnmappedUserSettings = {
    policy: 'default_user',
    jiraDefault: 'acc-bot',
    zohoDefault: '2447529000000000001',
  };
  const attention: UnmappedUserSettings = { policy: 'attention' };
  const noDefaults: UnmappedUserSettings = { policy: 'default_user' };
  const unmapped = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason), unmappedUser: true });

  it.each<[string, UnmappedUserSettings | undefined, ConversionResult | ReturnType<typeof unmapped>]>([
    ['leave unassigned: the Jira field is cleared', unassigned, { ok: true, value: null }],
    ['default user: the item’s Jira account', byDefault, { ok: true, value: { accountId: 'acc-bot' } }],
    ['attention: left as it is, the record is marked', attention, unmapped(/"Sam" has no email/)],
    ['no policy saved yet: attention', undefined, unmapped(/"Sam" has no email/)],
    ['default user without a default Jira user: attention', noDefaults, unmapped(/no default Jira user/)],
  ])('Zoho → Jira, %s', (_name, settings, expected) => {
    expect(toJira([SAM], owners, assignee, { users: plain, unmappedUsers: settings })).toEqual(expected);
  });

  it.each<[string, UnmappedUserSettings | undefined, unknown, ZohoField, unknown]>([
    [
      'leave unassigned drops the user, keeps the mapped ones',
      unassigned,
      [HIDDEN, ALEX],
      owners,
      { ok: true, value: [{ zpuid: '2447529000000054003' }] },
    ],
    ['leave unassigned on a single-user field writes nobody', unassigned, HIDDEN, reviewer, { ok: true, value: null }],
    [
      'default user replaces the user',
      byDefault,
      [HIDDEN],
      owners,
      { ok: true, value: [{ zpuid: '2447529000000000001' }] },
    ],
    [
      'default user once, even for two unmapped users',
      byDefault,
      [HIDDEN, { accountId: 'acc-x' }],
      owners,
      { ok: true, value: [{ zpuid: '2447529000000000001' }] },
    ],
    ['attention', attention, [HIDDEN, ALEX], owners, unmapped(/hides the email of user "Hidden Hana"/)],
    [
      'default user without a default Zoho user: attention',
      { policy: 'default_user', jiraDefault: 'acc-bot' },
      HIDDEN,
      reviewer,
      unmapped(/no default Zoho user/),
    ],
  ])('Jira → Zoho, %s', (_name, settings, value, field, expected) => {
    expect(toZoho(value, assignee, field, { users: plain, unmappedUsers: settings })).toEqual(expected);
  });

  it('a mapped user never consults the policy', () => {
    expect(unmappedUserOutcome(byDefault, 'jira', 'x')).toEqual({ write: 'default', id: 'acc-bot' });
    expect(
      toJira([{ zpuid: '2447529000000054003' }], owners, assignee, { users: plain, unmappedUsers: byDefault }),
    ).toEqual({
      ok: true,
      value: { accountId: 'acc-alex' },
    });
  });
});
