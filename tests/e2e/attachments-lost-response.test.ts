/**
 * Jira → Zoho attachments under lost responses (Zoho sim 'lost-response': the write is applied,
 * then the connection dies). The retried activity adopts the file a lost upload left on the record
 * instead of uploading it again: 0 duplicates, and never someone else's file.
 */
import { DEMO_CLIENT_ID, DEMO_PORTAL_ID } from '../../sim/zoho';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { issueEventsStatusQuery } from '../../workflows/signals';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci } from './support/sci';
import { alice, jiraEvent, linkedPair } from './support/world';

const UPLOAD = 'POST /api/v3/portal/:portalId/attachments';
const ASSOCIATE = 'POST /api/v3/portal/:portalId/projects/:projectId/tasks/:itemId/attachments';
const TOKEN_USER = 'alex@example.com'; // the demo Self Client's user in the Zoho sim

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // What the admin connect flow stores: the Zoho user our token acts as.
  await h.prisma.zohoConnection.create({
    data: {
      installationId: h.installationId,
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecretEnc: 'unused',
      refreshTokenEnc: 'unused',
      zohoUserEmail: TOKEN_USER,
    },
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function eventsApplied(issueId: string, atLeast: number) {
  const handle = h.client.workflow.getHandle(issueEventsWorkflowIdFor(h.installationId, issueId));
  await eventually(
    async () => (await handle.query(issueEventsStatusQuery)).applied >= atLeast,
    `${atLeast} applied events`,
  );
}

async function setup(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    syncAttachments: true,
  });
  const pair = await linkedPair(h, { sciId, projectId, name });
  const onRecord = () =>
    h.zohoApi.listAttachments({ portalId: DEMO_PORTAL_ID, projectId, module: 'tasks' }, pair.recordId);
  return { pair, onRecord };
}

const lostFaults = () => h.zoho.control.callLog().filter((c) => c.faults.includes('lost-response')).length;

describe('Jira → Zoho attachments with lost responses', () => {
  it("the association answer is lost: the retry adopts the file on the record (0 duplicates), not a Zoho user's same-named file", async () => {
    const { pair, onRecord } = await setup('Lost association');
    // A Zoho user attached a file with the same name and size earlier: it is theirs, never adopted.
    h.zoho.control.attach(
      pair.recordId,
      { name: 'report.txt', content: 'ten bytes!', contentType: 'text/plain' },
      'priya@example.com',
    );
    h.zoho.control.clearCallLog();
    h.zoho.control.injectFault({ kind: 'lost-response', endpoint: ASSOCIATE, times: 1 });

    const jiraFile = alice(h).attach(pair.issueId, 'report.txt', Buffer.from('ten bytes!'), 'text/plain');
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['attachment'] });
    await eventsApplied(pair.issueId, 1);

    expect(lostFaults()).toBe(1);
    expect(h.zoho.control.countCalls({ endpoint: UPLOAD })).toBe(1); // uploaded once, adopted on the retry
    const files = await onRecord();
    expect(files.map((f) => [f.name, f.uploaderEmail]).sort()).toEqual([
      ['report.txt', TOKEN_USER],
      ['report.txt', 'priya@example.com'],
    ]);
    const mirror = await h.prisma.attachmentMirror.findMany({ where: { linkId: pair.linkId } });
    expect(mirror).toEqual([expect.objectContaining({ jiraAttachmentId: jiraFile.id, origin: 'jira_to_zoho' })]);
    expect(mirror[0].zohoAttachmentId).toBe(files.find((f) => f.uploaderEmail === TOKEN_USER)!.id);

    // A later attachment event copies nothing again.
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['attachment'] });
    await eventsApplied(pair.issueId, 2);
    expect(await onRecord()).toHaveLength(2);
  }, 60_000);

  it('the portal upload answer is lost: the retry uploads again and the record holds one copy', async () => {
    const { pair, onRecord } = await setup('Lost upload');
    h.zoho.control.clearCallLog();
    h.zoho.control.injectFault({ kind: 'lost-response', endpoint: UPLOAD, times: 1 });
    alice(h).attach(pair.issueId, 'plan.pdf', Buffer.from('%PDF-1.4 plan'), 'application/pdf');
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['attachment'] });
    await eventsApplied(pair.issueId, 1);

    expect(lostFaults()).toBe(1);
    expect(h.zoho.control.countCalls({ endpoint: UPLOAD })).toBe(2);
    expect((await onRecord()).map((f) => f.name)).toEqual(['plan.pdf']);
    expect(await h.prisma.attachmentMirror.count({ where: { linkId: pair.linkId } })).toBe(1);
  }, 60_000);

  it('several files, both answers lost once each: every file lands exactly once', async () => {
    const { pair, onRecord } = await setup('Lost both');
    h.zoho.control.injectFault({ kind: 'lost-response', endpoint: ASSOCIATE, times: 1 });
    h.zoho.control.injectFault({ kind: 'lost-response', endpoint: UPLOAD, times: 1 });
    for (const n of ['a.txt', 'b.txt', 'c.txt'])
      alice(h).attach(pair.issueId, n, Buffer.from(`file ${n}`), 'text/plain');
    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['attachment'] });
    await eventsApplied(pair.issueId, 1);
    expect((await onRecord()).map((f) => f.name).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await h.prisma.attachmentMirror.count({ where: { linkId: pair.linkId } })).toBe(3);
  }, 60_000);
});
