/**
 * The connector-managed Zoho note saying "this record is linked to Jira issue X". Written once per
 * link (Link.zohoNoteCommentId); a retried write first looks for the note a lost response created.
 * When the Zoho call budget is used up the note is deferred and a later cycle writes it.
 */
import { ApplicationFailure } from '@temporalio/common';
import { isMirroredComment } from '../workflows/core/values/comments';
import { escapeHtml } from '../workflows/core/values/html-parse';
import { FAILURE_TYPES } from '../integrations/http/failures';
import { loadSmartConnectedItem } from '../store/items';
import { findLink, linksMissingNote, setLinkNote, type LinkRef } from '../store/links';
import { activityAttempt, type CallCounter, type Ctx, errorText, sourceOf, zohoClient } from './context';

const SIGNATURE = 'Zoho Projects Connector for Jira';

export function linkNoteHtml(input: {
  jiraIssueKey: string;
  jiraIssueId: string;
  jiraUrl?: string;
  sciName: string;
  origin: 'manual' | 'auto';
}): string {
  const key = escapeHtml(input.jiraIssueKey);
  const issue = input.jiraUrl ? `<a href="${escapeHtml(input.jiraUrl)}">${key}</a>` : key;
  return (
    `<p>Linked to Jira issue ${issue} (id ${escapeHtml(input.jiraIssueId)}) by Smart Connected Item ` +
    `"${escapeHtml(input.sciName)}" (${input.origin === 'auto' ? 'automatic' : 'manual'} link). — ${SIGNATURE}</p>`
  );
}

/** Our own comments in Zoho (link notes and comments mirrored from Jira) are never copied back. */
export function isConnectorComment(html: string): boolean {
  return html.includes(SIGNATURE) || isMirroredComment(html.replace(/<[^>]*>/g, ''), 'fromJira');
}

export type NoteOutcome = 'written' | 'exists' | 'deferred' | 'gone' | 'failed';

async function jiraUrlFor(ctx: Ctx, installationId: string, key: string): Promise<string | undefined> {
  const site = ctx.deps.jiraSiteUrlFor
    ? await ctx.deps.jiraSiteUrlFor(installationId)
    : ((await ctx.prisma.installation.findUnique({ where: { id: installationId }, select: { siteUrl: true } }))
        ?.siteUrl ?? undefined);
  return site ? `${site.replace(/\/$/, '')}/browse/${encodeURIComponent(key)}` : undefined;
}

async function writeNote(ctx: Ctx, link: LinkRef, counter: CallCounter): Promise<NoteOutcome> {
  if (link.zohoNoteCommentId) return 'exists';
  const sci = await loadSmartConnectedItem(ctx.prisma, link.sciId);
  if (!sci) return 'gone';
  const zoho = await zohoClient(ctx, link.installationId, counter);
  const src = sourceOf(sci);
  if (activityAttempt() > 1) {
    const prior = (await zoho.listComments(src, link.zohoRecordId)).find(
      (c) => c.html.includes(SIGNATURE) && c.html.includes(link.jiraIssueKey),
    );
    if (prior) {
      await setLinkNote(ctx.prisma, link.id, prior.id);
      return 'written';
    }
  }
  const html = linkNoteHtml({
    jiraIssueKey: link.jiraIssueKey,
    jiraIssueId: link.jiraIssueId,
    sciName: sci.name,
    origin: link.origin,
    jiraUrl: await jiraUrlFor(ctx, link.installationId, link.jiraIssueKey),
  });
  const { id } = await zoho.addComment(src, link.zohoRecordId, html);
  await setLinkNote(ctx.prisma, link.id, id);
  return 'written';
}

function isBudgetExhausted(err: unknown): boolean {
  return err instanceof ApplicationFailure && err.type === FAILURE_TYPES.budgetExhausted;
}

export async function writeLinkNote(
  ctx: Ctx,
  input: { linkId: string },
): Promise<{ outcome: NoteOutcome; zohoCalls: number }> {
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const link = await findLink(ctx.prisma, input.linkId);
  if (!link) return { outcome: 'gone', zohoCalls: 0 };
  try {
    return { outcome: await writeNote(ctx, link, counter), zohoCalls: counter.zoho };
  } catch (err) {
    if (isBudgetExhausted(err)) return { outcome: 'deferred', zohoCalls: counter.zoho };
    throw err;
  }
}

/** Cycle sweep: writes notes deferred earlier, a few per cycle, stopping when the budget runs out. */
export async function writeDeferredNotes(
  ctx: Ctx,
  input: { sciId: string },
): Promise<{ written: number; zohoCalls: number; errors: string[] }> {
  const counter: CallCounter = { zoho: 0, jira: 0 };
  const errors: string[] = [];
  let written = 0;
  for (const link of await linksMissingNote(ctx.prisma, input.sciId, ctx.config.notesPerCycle)) {
    try {
      if ((await writeNote(ctx, link, counter)) === 'written') written += 1;
    } catch (err) {
      if (isBudgetExhausted(err)) break;
      if (err instanceof ApplicationFailure && !err.nonRetryable) break;
      errors.push(`Link note for ${link.jiraIssueKey}: ${errorText(err)}`);
    }
  }
  return { written, zohoCalls: counter.zoho, errors };
}
