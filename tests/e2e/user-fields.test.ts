/**
 * User fields both ways: a two-way item mapping Jira `assignee` ↔ Zoho `owners` moves a person
 * each way through the user directory (matched by email), writes Zoho users as the Field Types
 * page documents, reports a user with no counterpart on the record, and a field Zoho refuses
 * does not take the status change with it.
 */

import { DEMO_USERS } from '../../sim/zoho';
import { eventually, seedWithQuickDone, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { alice, jiraEvent, linkedPair, zohoRecord } from './support/world';

const PRIYA_JIRA = '5b10a2844c20165700ede299';
const ALEX_JIRA = '5b10a2844c20165700ede2aa';
const [alex, priya, sam] = DEMO_USERS;

let h: Harness;
beforeAll(async () => {
  const seed = seedWithQuickDone();
  // Alex and Priya work on both sides with the same email; Hana's Jira profile hides her email.
  const person = (accountId: string, displayName: string, emailAddress?: string) => ({
    accountId,
    displayName,
    ...(emailAddress ? { emailAddress } : {}),
    accountType: 'atlassian' as const,
    active: true,
  });
  seed.users.push(
    person(PRIYA_JIRA, 'Priya P', priya.email),
    person(ALEX_JIRA, 'Alex A', alex.email.toUpperCase()),
    person('acc-hidden', 'Hidden Hana'),
  );
  h = await startHarness({ jira: { seed } });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function ownersPair(
  name: string,
  extra: Array<{ jiraFieldId: string; zohoFieldId: string }> = [],
  opts: { syncStatus?: boolean } = {},
) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    mappings: [{ jiraFieldId: 'assignee', zohoFieldId: 'owners' }, ...extra],
    ...opts,
  });
  const pair = await linkedPair(h, { sciId, projectId, name, zohoFields: { owners_and_work: { owners: [] } } });
  return { sciId, pair };
}

const ownersOf = (recordId: string) =>
  ((zohoRecord(h, recordId).owners_and_work as { owners?: Array<{ zpuid: string }> }).owners ?? []).map((o) => o.zpuid);
const latestRun = (sciId: string) => h.prisma.syncRun.findFirst({ where: { sciId }, orderBy: { startedAt: 'desc' } });
// A run is written when it starts and again when it finishes: read its errors only once it is done.
const assigneeOf = async (issueId: string) =>
  ((await h.jiraApi.getIssue(issueId, ['assignee']))!.fields.assignee as { accountId?: string } | null)?.accountId;

describe('two-way assignee ↔ owners', () => {
  it('a Zoho owner reaches the Jira assignee, and a Jira assignee reaches Zoho owners as [{zpuid}]', async () => {
    const { sciId, pair } = await ownersPair('Owners both ways');
    h.zoho.control.editRecord(pair.recordId, { owners_and_work: { owners: [{ zpuid: alex.zpuid }] } });
    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect(cycle.totals?.errors).toEqual([]);
    expect(await assigneeOf(pair.issueId)).toBe(ALEX_JIRA);

    alice(h).editIssue(pair.issueId, { assignee: { accountId: PRIYA_JIRA } });
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['assignee'] });
    await eventually(async () => ownersOf(pair.recordId).includes(priya.zpuid), 'Priya owns the Zoho task');
    expect(ownersOf(pair.recordId)).toEqual([priya.zpuid]);
  });

  it('a Jira assignee change removes only the owner it replaces: other Zoho owners stay (add/remove form)', async () => {
    const { sciId, pair } = await ownersPair('Owners kept');
    h.zoho.control.editRecord(pair.recordId, {
      owners_and_work: { owners: [{ zpuid: alex.zpuid }, { zpuid: sam.zpuid }] },
    });
    await runCycle(h.client, h.taskQueue, sciId);
    expect(await assigneeOf(pair.issueId)).toBe(ALEX_JIRA);

    h.zoho.control.clearCallLog();
    alice(h).editIssue(pair.issueId, { assignee: { accountId: PRIYA_JIRA } });
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['assignee'] });
    await eventually(async () => ownersOf(pair.recordId).includes(priya.zpuid), 'Priya owns the Zoho task');
    // Sam was never the Jira assignee: nobody asked to remove Sam.
    expect(ownersOf(pair.recordId)).toEqual([sam.zpuid, priya.zpuid]);
    const patch = h.zoho.control.callLog().find((c) => c.method === 'PATCH');
    expect(patch).toBeDefined();

    // The next cycle sees its own write, not a Zoho change: the Jira assignee stays Priya.
    const next = await runCycle(h.client, h.taskQueue, sciId);
    expect(next.totals?.errors).toEqual([]);
    expect(await assigneeOf(pair.issueId)).toBe(PRIYA_JIRA);
    expect(ownersOf(pair.recordId)).toEqual([sam.zpuid, priya.zpuid]);
  });

  it('a Zoho owner without a Jira account is reported on the record, and the other fields still move', async () => {
    const { sciId, pair } = await ownersPair('Owner without Jira', [{ jiraFieldId: 'summary', zohoFieldId: 'name' }]);
    h.zoho.control.editRecord(pair.recordId, {
      name: 'Renamed with Sam',
      owners_and_work: { owners: [{ zpuid: sam.zpuid }] },
    });
    const cycle = await runCycle(h.client, h.taskQueue, sciId);
    expect((await h.jiraApi.getIssue(pair.issueId, ['summary']))!.fields.summary).toBe('Renamed with Sam');
    expect(cycle.totals?.errors).toEqual([
      expect.objectContaining({
        jiraIssueKey: pair.issueKey,
        message: `skipped "assignee": Zoho user ${sam.email} has no Jira user with that email`,
      }),
    ]);
    const run = await latestRun(sciId);
    expect(run?.errors).toEqual(cycle.totals?.errors);
  });

  it('a Jira user who hides the email is reported on the event run, Zoho owners untouched', async () => {
    const { sciId, pair } = await ownersPair('Hidden email');
    alice(h).editIssue(pair.issueId, { assignee: { accountId: 'acc-hidden' } });
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['assignee'] });
    await eventually(
      async () => ((await latestRun(sciId))?.status ?? 'running') !== 'running',
      'the event run is finished',
    );
    const run = await latestRun(sciId);
    expect(JSON.stringify(run?.errors)).toContain('Jira hides the email of user \\"Hidden Hana\\"');
    expect(ownersOf(pair.recordId)).toEqual([]);
  });

  it('a field Zoho refuses (EXTRA_KEY_FOUND_IN_JSON) is reported and the status change still applies', async () => {
    const { sciId, pair } = await ownersPair(
      'Refused field',
      [{ jiraFieldId: 'summary', zohoFieldId: 'legacy_code' }],
      {
        syncStatus: true,
      },
    );
    const before = (zohoRecord(h, pair.recordId).status as { name: string }).name;
    alice(h).editIssue(pair.issueId, { summary: 'Code 42' });
    alice(h).transition(pair.issueId, 'In Progress');
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary', 'status'] });
    await eventually(
      async () => ((await latestRun(sciId))?.status ?? 'running') !== 'running',
      'the event run is finished',
    );
    const status = (zohoRecord(h, pair.recordId).status as { name: string }).name;
    expect(status).not.toBe(before);
    const run = await latestRun(sciId);
    expect(JSON.stringify(run?.errors)).toMatch(/Zoho refused the field \\"legacy_code\\" \(Extra key legacy_code/);
  });
});
