/**
 * The spec's "Modes and behavior matrix" and the field-owner table, end to end: real worker,
 * real Temporal, real PostgreSQL, Zoho and Jira simulators.
 */
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { issueEventsStatusQuery } from '../../workflows/signals';
import { DEMO_FIELDS } from '../../sim/jira';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { jiraEvent, linkedPair, zohoRecord } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const summaryOf = async (issueId: string) => (await h.jiraApi.getIssue(issueId, ['summary']))!.fields.summary;

async function eventsApplied(issueId: string, atLeast: number) {
  const handle = h.client.workflow.getHandle(issueEventsWorkflowIdFor(h.installationId, issueId));
  await eventually(
    async () => (await handle.query(issueEventsStatusQuery)).applied >= atLeast,
    `${atLeast} applied events`,
  );
}

describe('Modes and behavior matrix', () => {
  it('display-only: no scheduled sync runs and nothing is written', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Display', prefix: 'DO' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'display_only',
      projectId,
      autoCreate: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
    });
    const pair = await linkedPair(h, { sciId, projectId, name: 'Shown only' });
    h.zoho.control.editRecord(pair.recordId, { name: 'Renamed in Zoho' });
    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.status).toBe('skipped');
    expect(await summaryOf(pair.issueId)).toBe('Shown only');
    expect(await h.prisma.link.count({ where: { sciId } })).toBe(1);
  });

  it('one-way: Zoho → Jira mapped fields sync; Jira edits do not reach Zoho', async () => {
    const projectId = h.zoho.control.addProject({ name: 'One way', prefix: 'OW' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
    });
    const pair = await linkedPair(h, { sciId, projectId, name: 'Original' });
    h.zoho.control.editRecord(pair.recordId, { name: 'Changed in Zoho' });
    const r = await runCycle(h.client, h.taskQueue, sciId);
    expect(r.totals?.updated).toBe(1);
    expect(await summaryOf(pair.issueId)).toBe('Changed in Zoho');

    h.jira.control.as('5b10a2844c20165700ede21g').editIssue(pair.issueId, { summary: 'Changed in Jira' });
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary'] });
    await eventsApplied(pair.issueId, 1);
    expect(zohoRecord(h, pair.recordId).name).toBe('Changed in Zoho');
  });

  it('two-way: changes flow both ways, one Jira edit per changed issue, and our own writes do not echo back', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Two way', prefix: 'TW' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'two_way',
      projectId,
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name' },
        { jiraFieldId: DEMO_FIELDS.customer, zohoFieldId: 'customer_reference' },
      ],
    });
    const pair = await linkedPair(h, { sciId, projectId, name: 'Start' });
    h.zoho.control.editRecord(pair.recordId, { name: 'Zoho name', customer_reference: 'ACME-1' });
    h.jira.control.clearCalls();
    await runCycle(h.client, h.taskQueue, sciId);
    const issue = (await h.jiraApi.getIssue(pair.issueId, ['summary', DEMO_FIELDS.customer]))!;
    expect(issue.fields.summary).toBe('Zoho name');
    expect(issue.fields[DEMO_FIELDS.customer]).toBe('ACME-1');
    const edits = h.jira.control.calls().filter((c) => c.method === 'PUT' && c.path.endsWith(`/issue/${pair.issueId}`));
    expect(edits).toHaveLength(1);

    // Our edit arrives as a Jira event authored by the app: dropped (own actor), Zoho untouched.
    const before = String(zohoRecord(h, pair.recordId).last_modified_time);
    await jiraEvent(h, {
      kind: 'issue_updated',
      jiraIssueId: pair.issueId,
      changedFieldIds: ['summary'],
      actorAccountId: '557058:00000000-0000-4000-8000-00000000a99',
    });
    await eventsApplied(pair.issueId, 1);
    expect(String(zohoRecord(h, pair.recordId).last_modified_time)).toBe(before);

    // A Jira user's edit reaches Zoho…
    h.jira.control.as('5b10a2844c20165700ede21g').editIssue(pair.issueId, { summary: 'Jira name' });
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary'] });
    await eventually(async () => zohoRecord(h, pair.recordId).name === 'Jira name', 'Zoho name updated from Jira');
    // …and does not come back as a Jira edit on the next cycle.
    h.jira.control.clearCalls();
    const next = await runCycle(h.client, h.taskQueue, sciId);
    expect(next.totals?.updated).toBe(0);
    expect(h.jira.control.calls().filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('custom per mapping: Zoho owns → Zoho to Jira only; Jira owns → Jira to Zoho only; both → both', async () => {
    const projectId = h.zoho.control.addProject({ name: 'Custom', prefix: 'CU' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'custom',
      projectId,
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'zoho' },
        { jiraFieldId: DEMO_FIELDS.customer, zohoFieldId: 'customer_reference', owner: 'jira' },
        { jiraFieldId: DEMO_FIELDS.notes, zohoFieldId: 'description', owner: 'both' },
      ],
    });
    const pair = await linkedPair(h, {
      sciId,
      projectId,
      name: 'Custom start',
      zohoFields: { customer_reference: 'Z-0' },
    });
    await runCycle(h.client, h.taskQueue, sciId); // baseline

    h.zoho.control.editRecord(pair.recordId, { name: 'Zoho-owned name', customer_reference: 'Z-1' });
    await runCycle(h.client, h.taskQueue, sciId);
    const issue = (await h.jiraApi.getIssue(pair.issueId, ['summary', DEMO_FIELDS.customer]))!;
    expect(issue.fields.summary).toBe('Zoho-owned name');
    expect(issue.fields[DEMO_FIELDS.customer] ?? null).not.toBe('Z-1'); // Jira owns customer

    h.jira.control
      .as('5b10a2844c20165700ede21g')
      .editIssue(pair.issueId, { summary: 'Jira tries name', [DEMO_FIELDS.customer]: 'J-2' });
    await jiraEvent(h, {
      kind: 'issue_updated',
      jiraIssueId: pair.issueId,
      changedFieldIds: ['summary', DEMO_FIELDS.customer],
    });
    await eventually(async () => zohoRecord(h, pair.recordId).customer_reference === 'J-2', 'Jira-owned field in Zoho');
    expect(zohoRecord(h, pair.recordId).name).toBe('Zoho-owned name'); // Zoho owns name
  });
});
