/**
 * Comment edits and deletions follow the comments we mirrored, both ways: a Jira edit/deletion
 * (event-driven) updates/deletes the Zoho copy; a Zoho edit/deletion (scheduled pull) updates/
 * deletes the Jira copy. Only pairs in CommentMirror, only from their source side, and no echo.
 */
import { adfToText } from '../../workflows/core/values/adf-to-html';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import { issueEventsStatusQuery } from '../../workflows/signals';
import { eventually, startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { alice, jiraEvent, linkedPair } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
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

async function twoWayPair(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    syncComments: true,
  });
  return { sciId, ...(await linkedPair(h, { sciId, projectId, name })) };
}

const jiraTexts = async (issueId: string) => (await h.jiraApi.listComments(issueId)).map((c) => adfToText(c.body));
const zohoTexts = (recordId: string) => h.zoho.control.comments(recordId).map((c) => String(c.comment));

describe('comment edits and deletions', () => {
  it('a Jira comment edit updates its Zoho copy in place, a Jira deletion deletes it; nothing echoes back', async () => {
    const p = await twoWayPair('Jira edits');
    const c = alice(h).comment(p.issueId, 'Original from Jira');
    await jiraEvent(h, { kind: 'comment_created', jiraIssueId: p.issueId, commentId: c.id });
    await eventsApplied(p.issueId, 1);
    const [copy] = h.zoho.control.comments(p.recordId);
    expect(String(copy.comment)).toContain('Original from Jira');

    alice(h).editComment(p.issueId, c.id, 'Edited in Jira');
    await jiraEvent(h, { kind: 'comment_updated', jiraIssueId: p.issueId, commentId: c.id });
    await eventsApplied(p.issueId, 2);
    const after = h.zoho.control.comments(p.recordId);
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(copy.id);
    expect(String(after[0].comment)).toContain('Edited in Jira');
    expect(String(after[0].comment)).toContain('Comment from Jira by');

    // The pull sees the record changed (the edit moved its modified time) and copies nothing back.
    const r = await runCycle(h.client, h.taskQueue, p.sciId);
    expect(r.status).toBe('succeeded');
    expect(await jiraTexts(p.issueId)).toEqual(['Edited in Jira']);

    alice(h).deleteComment(p.issueId, c.id);
    await jiraEvent(h, { kind: 'comment_deleted', jiraIssueId: p.issueId, commentId: c.id });
    await eventsApplied(p.issueId, 3);
    expect(h.zoho.control.comments(p.recordId)).toEqual([]);
    expect(await h.prisma.commentMirror.count({ where: { linkId: p.linkId } })).toBe(0);
    await runCycle(h.client, h.taskQueue, p.sciId);
    expect(await jiraTexts(p.issueId)).toEqual([]);
  }, 60_000);

  it('Jira edits or deletions of comments that came from Zoho, or were never mirrored, do not touch Zoho', async () => {
    const p = await twoWayPair('Jira leaves');
    h.zoho.control.addComment(p.recordId, '<p>Said in Zoho</p>');
    await runCycle(h.client, h.taskQueue, p.sciId);
    const [copyInJira] = await h.jiraApi.listComments(p.issueId);
    const unmirrored = alice(h).comment(p.issueId, 'Never announced'); // no event: never copied
    const before = zohoTexts(p.recordId);

    await jiraEvent(h, { kind: 'comment_updated', jiraIssueId: p.issueId, commentId: copyInJira.id });
    await jiraEvent(h, { kind: 'comment_updated', jiraIssueId: p.issueId, commentId: unmirrored.id });
    await jiraEvent(h, { kind: 'comment_deleted', jiraIssueId: p.issueId, commentId: copyInJira.id });
    await jiraEvent(h, { kind: 'comment_deleted', jiraIssueId: p.issueId, commentId: unmirrored.id });
    await eventsApplied(p.issueId, 4);
    expect(zohoTexts(p.recordId)).toEqual(before);
    // The pair from Zoho stays, so the Zoho comment is not copied to Jira a second time.
    expect(await h.prisma.commentMirror.count({ where: { linkId: p.linkId, origin: 'zoho_to_jira' } })).toBe(1);
  }, 60_000);

  it('a Jira comment whose Zoho answer is lost is copied once: the retry finds the copy instead of posting again', async () => {
    const p = await twoWayPair('Lost answer');
    // Zoho stores the comment, then the connection drops before the answer (as a lost commit would).
    h.zoho.control.injectFault({ kind: 'lost-response', method: 'POST', path: /\/comments$/, times: 1 });
    const c = alice(h).comment(p.issueId, 'Said once in Jira');
    await jiraEvent(h, { kind: 'comment_created', jiraIssueId: p.issueId, commentId: c.id });
    await eventsApplied(p.issueId, 1);
    const copies = zohoTexts(p.recordId).filter((t) => t.includes('Said once in Jira'));
    expect(copies).toHaveLength(1);
    const pair = await h.prisma.commentMirror.findUniqueOrThrow({
      where: { linkId_jiraCommentId: { linkId: p.linkId, jiraCommentId: c.id } },
    });
    expect(pair.zohoCommentId).toBe(String(h.zoho.control.comments(p.recordId)[0].id));

    // The same event delivered again (a redelivery after the lost answer) copies nothing more.
    await jiraEvent(h, { kind: 'comment_created', jiraIssueId: p.issueId, commentId: c.id });
    await eventsApplied(p.issueId, 2);
    expect(zohoTexts(p.recordId).filter((t) => t.includes('Said once in Jira'))).toHaveLength(1);
  }, 60_000);

  it('a Zoho comment whose Jira answer is lost is copied once: the retry finds the Jira copy', async () => {
    const p = await twoWayPair('Lost Jira answer');
    h.zoho.control.addComment(p.recordId, '<p>Said once in Zoho</p>');
    h.jira.control.injectFault({ kind: 'lost-response', method: 'POST', path: /\/comment$/, count: 1 });
    await runCycle(h.client, h.taskQueue, p.sciId);
    expect((await jiraTexts(p.issueId)).filter((t) => t.includes('Said once in Zoho'))).toHaveLength(1);
    await runCycle(h.client, h.taskQueue, p.sciId);
    expect((await jiraTexts(p.issueId)).filter((t) => t.includes('Said once in Zoho'))).toHaveLength(1);
    const [pair] = await h.prisma.commentMirror.findMany({ where: { linkId: p.linkId } });
    expect(pair.jiraCommentId).toBe((await h.jiraApi.listComments(p.issueId))[0].id);
  }, 60_000);

  it("a Zoho comment edit rewrites its Jira copy on the next cycle, a Zoho deletion deletes it; copies of Jira comments stay Jira's", async () => {
    const p = await twoWayPair('Zoho edits');
    const zc = h.zoho.control.addComment(p.recordId, '<p>Zoho original</p>') as { id: string };
    const jc = alice(h).comment(p.issueId, 'Jira original');
    await jiraEvent(h, { kind: 'comment_created', jiraIssueId: p.issueId, commentId: jc.id });
    await eventsApplied(p.issueId, 1);
    await runCycle(h.client, h.taskQueue, p.sciId);
    const copyId = (await h.jiraApi.listComments(p.issueId)).find((c) =>
      adfToText(c.body).includes('Zoho original'),
    )!.id;

    h.zoho.control.advanceTime(1_000);
    h.zoho.control.editComment(p.recordId, zc.id, '<p>Zoho <strong>edited</strong></p>');
    // Someone edits the copy of the Jira comment in Zoho: Jira stays the source of that one.
    const jiraCopyInZoho = h.zoho.control
      .comments(p.recordId)
      .find((c) => String(c.comment).includes('Jira original'))!;
    h.zoho.control.editComment(p.recordId, String(jiraCopyInZoho.id), '<p>tampered</p>');
    await runCycle(h.client, h.taskQueue, p.sciId);

    const comments = await h.jiraApi.listComments(p.issueId);
    expect(comments).toHaveLength(2);
    const copy = comments.find((c) => c.id === copyId)!;
    expect(adfToText(copy.body)).toContain('Zoho edited');
    expect(adfToText(copy.body)).toContain('Comment from Zoho Projects by');
    expect(adfToText(comments.find((c) => c.id === jc.id)!.body)).toBe('Jira original');

    // Unchanged since: the next cycle writes nothing to Jira.
    h.jira.control.clearCalls();
    h.zoho.control.addComment(p.recordId, '<p>new one</p>');
    await runCycle(h.client, h.taskQueue, p.sciId);
    expect(h.jira.control.calls().filter((c) => c.method === 'PUT' || c.method === 'DELETE')).toEqual([]);

    h.zoho.control.deleteComment(p.recordId, zc.id);
    await runCycle(h.client, h.taskQueue, p.sciId);
    const left = (await jiraTexts(p.issueId)).sort();
    expect(left).toHaveLength(2);
    expect(left.some((t) => t.includes('Zoho edited'))).toBe(false);
    expect(left).toContain('Jira original');
    expect(await h.prisma.commentMirror.count({ where: { linkId: p.linkId, zohoCommentId: zc.id } })).toBe(0);
  }, 60_000);
});
