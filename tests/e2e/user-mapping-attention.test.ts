/**
 * Issue 12 §2 and §7 through the real stack (Temporal, PostgreSQL, both simulators): the admin's
 * user mapping table pairs people Jira hides the email of, both ways; each item's policy decides
 * what an unmapped user becomes (unassigned, a default user, or a record that needs attention);
 * a value Jira refuses marks the record too; and both reasons clear themselves once a later
 * attempt writes the field, without touching the status walk's own reason.
 */
import { DEMO_PORTAL_ID, DEMO_USERS } from '../../sim/zoho';
import { parseFieldAttention } from '../../workflows/core/attention';
import { deleteUserMapping, saveUserMapping } from '../../store/user-mappings';
import { recordAttentionAttempts } from '../../store/link-attention';
import type { UnmappedUserPolicyName } from '../../workflows/core/model';
import { eventually, seedWithQuickDone, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { alice, jiraEvent, linkedPair, zohoRecord } from './support/world';

const ALEX_JIRA = '5b10a2844c20165700ede2aa';
const HANA_JIRA = 'acc-hidden-hana';
const [alex, priya, sam] = DEMO_USERS;

let h: Harness;
beforeAll(async () => {
  const seed = seedWithQuickDone();
  // Alex shows his email in Jira; Hana's profile hides hers (the common case on Jira Cloud).
  seed.users.push(
    { accountId: ALEX_JIRA, displayName: 'Alex A', emailAddress: alex.email, accountType: 'atlassian', active: true },
    { accountId: HANA_JIRA, displayName: 'Hana Hidden', accountType: 'atlassian', active: true },
  );
  h = await startHarness({ jira: { seed } });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function ownersPair(
  name: string,
  policy: { policy: UnmappedUserPolicyName; jiraDefault?: string; zohoDefault?: string },
  jiraFields: Record<string, unknown> = {},
) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    mappings: [
      { jiraFieldId: 'assignee', zohoFieldId: 'owners' },
      { jiraFieldId: 'summary', zohoFieldId: 'name' },
    ],
  });
  await h.prisma.smartConnectedItem.update({
    where: { id: sciId },
    data: {
      unmappedUserPolicy: policy.policy,
      unmappedUserJiraDefault: policy.jiraDefault ?? null,
      unmappedUserZohoDefault: policy.zohoDefault ?? null,
    },
  });
  const pair = await linkedPair(h, {
    sciId,
    projectId,
    name,
    zohoFields: { owners_and_work: { owners: [] } },
    jiraFields,
  });
  return { sciId, pair };
}

const ownersOf = (recordId: string) =>
  ((zohoRecord(h, recordId).owners_and_work as { owners?: Array<{ zpuid: string }> }).owners ?? []).map((o) => o.zpuid);
const assigneeOf = async (issueId: string) =>
  ((await h.jiraApi.getIssue(issueId, ['assignee']))!.fields.assignee as { accountId?: string } | null)?.accountId ??
  null;
const attentionOf = async (linkId: string) =>
  parseFieldAttention((await h.prisma.link.findUniqueOrThrow({ where: { id: linkId } })).attention);
const latestRun = (sciId: string) => h.prisma.syncRun.findFirst({ where: { sciId }, orderBy: { startedAt: 'desc' } });
const ownSam = (recordId: string, name: string) =>
  h.zoho.control.editRecord(recordId, { name, owners_and_work: { owners: [{ zpuid: sam.zpuid }] } });
/** A Jira assignee change as the server signals it, applied once the link has seen this issue version. */
async function jiraAssigns(issueId: string, accountId: string, linkId: string) {
  alice(h).editIssue(issueId, { assignee: { accountId } });
  const updated = Date.parse((await h.jiraApi.getIssue(issueId, ['updated']))!.updated);
  await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: issueId, changedFieldIds: ['assignee'] });
  await eventually(async () => {
    const link = await h.prisma.link.findUniqueOrThrow({ where: { id: linkId } });
    return (link.lastJiraUpdatedAt?.getTime() ?? 0) >= updated ? link : undefined;
  }, 'the Jira change is applied to the link');
}

describe('unmapped-user policy (Zoho → Jira: Sam has no Jira account)', () => {
  it('attention: the assignee is left as it is, the record needs attention with what to do; pairing Sam clears it', async () => {
    const { sciId, pair } = await ownersPair(
      'Policy attention',
      { policy: 'attention' },
      { assignee: { accountId: ALEX_JIRA } },
    );
    ownSam(pair.recordId, 'Owned by Sam');
    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals?.needsAttention).toBe(1);
    expect(await assigneeOf(pair.issueId)).toBe(ALEX_JIRA);
    expect((await h.jiraApi.getIssue(pair.issueId, ['summary']))!.fields.summary).toBe('Owned by Sam');
    const [reason] = await attentionOf(pair.linkId);
    expect(reason).toMatchObject({ kind: 'unmappedUser', field: 'assignee', direction: 'zoho_to_jira' });
    expect(reason.reason).toMatch(/sam@example.com has no Jira user/);
    expect(reason.whatToDo).toMatch(/"User mapping"/);
    expect((await latestRun(sciId))?.needsAttention).toBe(1);

    const pairRow = await saveUserMapping(h.prisma, h.installationId, {
      zohoPortalId: DEMO_PORTAL_ID,
      zohoUserId: sam.zpuid,
      jiraAccountId: HANA_JIRA,
    });
    try {
      h.zoho.control.editRecord(pair.recordId, { name: 'Owned by Sam, paired' });
      const again = await runCycle(h.client, h.taskQueue, sciId);
      expect(again.totals?.needsAttention ?? 0).toBe(0);
      expect(await assigneeOf(pair.issueId)).toBe(HANA_JIRA);
      expect(await attentionOf(pair.linkId)).toEqual([]);
    } finally {
      await deleteUserMapping(h.prisma, h.installationId, pairRow.id);
    }
  });

  it('leave unassigned: the Jira assignee is cleared, nothing needs attention', async () => {
    const { sciId, pair } = await ownersPair(
      'Policy unassigned',
      { policy: 'unassigned' },
      { assignee: { accountId: ALEX_JIRA } },
    );
    ownSam(pair.recordId, 'Unassigned Sam');
    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals?.errors).toEqual([]);
    expect(await assigneeOf(pair.issueId)).toBeNull();
    expect(await attentionOf(pair.linkId)).toEqual([]);
  });

  it('default user: the item’s Jira account stands in for Sam', async () => {
    const { sciId, pair } = await ownersPair('Policy default', { policy: 'default_user', jiraDefault: ALEX_JIRA });
    ownSam(pair.recordId, 'Default for Sam');
    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals?.errors).toEqual([]);
    expect(await assigneeOf(pair.issueId)).toBe(ALEX_JIRA);
    expect(await attentionOf(pair.linkId)).toEqual([]);
  });
});

describe('unmapped-user policy (Jira → Zoho: Jira hides Hana’s email)', () => {
  it.each<[string, { policy: UnmappedUserPolicyName; zohoDefault?: string }, string[], number]>([
    [
      'default user: the item’s Zoho user becomes the owner',
      { policy: 'default_user', zohoDefault: priya.zpuid },
      [priya.zpuid],
      0,
    ],
    ['leave unassigned: no owner is written', { policy: 'unassigned' }, [], 0],
    ['attention: owners untouched, the record needs attention', { policy: 'attention' }, [], 1],
  ])('%s', async (name, policy, owners, reasons) => {
    const { pair } = await ownersPair(`J2Z ${name.slice(0, 12)}`, policy);
    await jiraAssigns(pair.issueId, HANA_JIRA, pair.linkId);
    expect(ownersOf(pair.recordId)).toEqual(owners);
    const attention = await attentionOf(pair.linkId);
    expect(attention).toHaveLength(reasons);
    if (reasons) {
      expect(attention[0]).toMatchObject({ kind: 'unmappedUser', field: 'assignee', direction: 'jira_to_zoho' });
      expect(attention[0].reason).toMatch(/hides the email of user "Hana Hidden"/);
    }
  });
});

/** Runs `fn` while the mapping table pairs Zoho user Sam with Jira account Hana (hidden email). */
async function withSamPairedToHana(fn: () => Promise<void>): Promise<void> {
  const pairRow = await saveUserMapping(h.prisma, h.installationId, {
    zohoPortalId: DEMO_PORTAL_ID,
    zohoUserId: sam.zpuid,
    zohoName: sam.name,
    jiraAccountId: HANA_JIRA,
  });
  try {
    await fn();
  } finally {
    await deleteUserMapping(h.prisma, h.installationId, pairRow.id);
  }
}

describe('user mapping table', () => {
  it('pairs people the email cannot, both ways: Zoho owner Sam → Jira Hana, Jira assignee Hana → Zoho owner Sam', async () => {
    await withSamPairedToHana(async () => {
      const z2j = await ownersPair('Table Zoho to Jira', { policy: 'attention' });
      ownSam(z2j.pair.recordId, 'Sam via the table');
      const cycle = await runCycle(h.client, h.taskQueue, z2j.sciId);
      expect(cycle.totals?.errors).toEqual([]);
      expect(await assigneeOf(z2j.pair.issueId)).toBe(HANA_JIRA);

      const j2z = await ownersPair('Table Jira to Zoho', { policy: 'attention' });
      await jiraAssigns(j2z.pair.issueId, HANA_JIRA, j2z.pair.linkId);
      expect(ownersOf(j2z.pair.recordId)).toEqual([sam.zpuid]);
      expect(await attentionOf(j2z.pair.linkId)).toEqual([]);
    });
  });
});

describe('auto-create', () => {
  it('a new Zoho record owned by Sam becomes a Jira issue assigned to Hana through the mapping table', async () => {
    await withSamPairedToHana(async () => {
      const projectId = h.zoho.control.addProject({ name: 'Auto-create owners', prefix: 'AO' });
      const sciId = await createSci(h.prisma, {
        installationId: h.installationId,
        mode: 'one_way',
        projectId,
        autoCreate: true,
        mappings: [
          { jiraFieldId: 'assignee', zohoFieldId: 'owners' },
          { jiraFieldId: 'summary', zohoFieldId: 'name' },
        ],
      });
      const record = h.zoho.control.createRecord(projectId, 'tasks', {
        name: 'Owned by Sam',
        owners_and_work: { owners: [{ zpuid: sam.zpuid }] },
      }) as { id: string };
      const cycle = await runCycle(h.client, h.taskQueue, sciId);
      expect(cycle.totals?.errors).toEqual([]);
      const link = await eventually(
        () => h.prisma.link.findFirst({ where: { sciId, zohoRecordId: record.id } }),
        'the auto-created link',
      );
      expect(await assigneeOf(link.jiraIssueId)).toBe(HANA_JIRA);
      expect(await attentionOf(link.id)).toEqual([]);
    });
  });
});

describe('a value Jira refused', () => {
  it('marks the record needing attention with what to do, keeps the status walk’s reason apart, and clears after the fix', async () => {
    // The default Jira user was deactivated since: Jira refuses the assignee, the summary still moves.
    const { sciId, pair } = await ownersPair('Refused assignee', {
      policy: 'default_user',
      jiraDefault: 'acc-deactivated',
    });
    const statusReason = 'No transition from "In Review" leads to "Closed".';
    await h.prisma.link.update({ where: { id: pair.linkId }, data: { needsAttention: statusReason } });
    ownSam(pair.recordId, 'Refused but renamed');
    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect((await h.jiraApi.getIssue(pair.issueId, ['summary']))!.fields.summary).toBe('Refused but renamed');
    expect(JSON.stringify(cycle.totals?.errors)).toMatch(/Jira refused the field \\"assignee\\"/);
    expect(cycle.totals?.needsAttention).toBe(1);
    const [refused] = await attentionOf(pair.linkId);
    expect(refused).toMatchObject({ kind: 'refusedValue', field: 'assignee', direction: 'zoho_to_jira' });
    expect(refused.reason).toMatch(/Jira refused the value of "assignee": Specified user does not exist/);
    expect(refused.whatToDo).toMatch(/to a value Jira accepts/);

    // The fix: a default user Jira knows. The next attempt writes the field and the reason goes.
    await h.prisma.smartConnectedItem.update({ where: { id: sciId }, data: { unmappedUserJiraDefault: ALEX_JIRA } });
    h.zoho.control.editRecord(pair.recordId, { name: 'Fixed default user' });
    const again = await runCycle(h.client, h.taskQueue, sciId);
    expect(again.totals?.errors).toEqual([]);
    expect(await assigneeOf(pair.issueId)).toBe(ALEX_JIRA);
    expect(await attentionOf(pair.linkId)).toEqual([]);
    // The status walk owns its reason: a field write neither set nor cleared it.
    expect((await h.prisma.link.findUniqueOrThrow({ where: { id: pair.linkId } })).needsAttention).toBe(statusReason);
  });

  it('an attempt that finds nothing clears only its own fields in its own direction, in one statement', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Clears', prefix: 'CL' });
    const sciId = await createSci(h.prisma, { installationId: h.installationId, mode: 'two_way', projectId });
    const p = await linkedPair(h, { sciId, projectId, name: 'Clears' });
    const reason = (field: string, direction: 'jira_to_zoho' | 'zoho_to_jira') => ({
      kind: 'refusedValue' as const,
      field,
      direction,
      reason: `${field} refused`,
      whatToDo: 'fix it',
      at: '2026-12-03T10:00:00.000Z',
    });
    const seeded = [
      reason('summary', 'jira_to_zoho'),
      reason('duedate', 'jira_to_zoho'),
      reason('summary', 'zoho_to_jira'),
    ];
    await h.prisma.link.update({ where: { id: p.linkId }, data: { attention: seeded } });
    const left = await recordAttentionAttempts(h.prisma, p.linkId, [
      { direction: 'jira_to_zoho', considered: ['summary'], found: [] },
    ]);
    expect(left).toEqual([seeded[1], seeded[2]]);
    const row = await h.prisma.link.findUniqueOrThrow({ where: { id: p.linkId } });
    expect(parseFieldAttention(row.attention)).toEqual(left);
    // Nothing left to clear: the list stays empty and the result says so.
    await recordAttentionAttempts(h.prisma, p.linkId, [
      { direction: 'jira_to_zoho', considered: ['duedate'], found: [] },
      { direction: 'zoho_to_jira', considered: ['summary'], found: [] },
    ]);
    const cleared = await h.prisma.link.findUniqueOrThrow({ where: { id: p.linkId } });
    expect(cleared.attention).toEqual([]);
    expect(
      await recordAttentionAttempts(h.prisma, p.linkId, [
        { direction: 'jira_to_zoho', considered: ['summary'], found: [] },
      ]),
    ).toEqual([]);
  }, 60_000);
});
