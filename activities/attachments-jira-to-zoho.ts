/**
 * Jira → Zoho attachments (event-driven), idempotent under lost responses. Zoho's upload is two
 * calls (portal upload, then association with the record); when the answer to the association is
 * lost, the file is on the record but we never learned it. So on a retried attempt we first look at
 * the record's attachments for the same file — same name and size, uploaded by our token user,
 * since shortly before the first attempt, not mirrored yet — and adopt it instead of uploading again.
 * A lost answer to the first call leaves only an unassociated upload in the portal (no duplicate).
 */
import { Context } from '@temporalio/activity';
import type { SmartConnectedItem } from '../workflows/core/model';
import type { JiraApi, JiraAttachment } from '../integrations/jira/types';
import type { ZohoApi, ZohoAttachment } from '../integrations/zoho/types';
import type { LinkRef } from '../store/links';
import { attachmentMirrors, hasZohoAttachment, recordAttachmentMirror } from '../store/mirrors';
import { type Ctx, sourceOf } from './context';
import { noteCopied } from './history-notes';

/** Zoho's clock and ours may disagree: files up to this long before the first attempt still count. */
export const ADOPT_CLOCK_SKEW_MS = 5 * 60_000;

/** On a retried activity attempt: when the first attempt was scheduled (ms). Undefined otherwise. */
export function firstAttemptAt(): number | undefined {
  try {
    const info = Context.current().info;
    return info.attempt > 1 ? info.scheduledTimestampMs : undefined;
  } catch {
    return undefined; // not inside an activity
  }
}

/** The email of the Zoho user our token acts as (stored at connect time), lower-cased; null when unknown. */
async function tokenUserEmail(ctx: Ctx, installationId: string): Promise<string | null> {
  const row = await ctx.prisma.zohoConnection.findUnique({
    where: { installationId },
    select: { zohoUserEmail: true },
  });
  return row?.zohoUserEmail?.toLowerCase() ?? null;
}

/** Zoho attachments a lost upload of ours may have left on the record (pure; unknown facts do not exclude). */
export function adoptableUploads(
  onRecord: ZohoAttachment[],
  opts: { mirroredZohoIds: Set<string>; since: number; tokenUserEmail: string | null },
): ZohoAttachment[] {
  return onRecord.filter(
    (z) =>
      !hasZohoAttachment(opts.mirroredZohoIds, z) &&
      (!z.createdAt || Date.parse(z.createdAt) >= opts.since - ADOPT_CLOCK_SKEW_MS) &&
      (!opts.tokenUserEmail || !z.uploaderEmail || z.uploaderEmail.toLowerCase() === opts.tokenUserEmail),
  );
}

/** Takes the first candidate that is the same file as `a` out of `candidates`. */
export function takeSameFile(
  candidates: ZohoAttachment[],
  a: Pick<JiraAttachment, 'filename' | 'size'>,
): ZohoAttachment | undefined {
  const i = candidates.findIndex((z) => z.name === a.filename && (z.size === undefined || z.size === a.size));
  return i < 0 ? undefined : candidates.splice(i, 1)[0];
}

/** Copies the issue's new Jira attachments (not ours, within the size cap) to the linked Zoho record once. */
export async function pushJiraAttachmentsToZoho(
  ctx: Ctx,
  sci: SmartConnectedItem,
  link: LinkRef,
  appUser: string,
  apis: { zoho: ZohoApi; jira: JiraApi },
): Promise<number> {
  const mirrors = await attachmentMirrors(ctx.prisma, link.id);
  const pending = (await apis.jira.listAttachments(link.jiraIssueId)).filter(
    (a) => !mirrors.jiraIds.has(a.id) && a.authorAccountId !== appUser && a.size <= ctx.config.attachmentMaxBytes,
  );
  if (pending.length === 0) return 0;
  const src = sourceOf(sci);
  const since = firstAttemptAt();
  const candidates =
    since === undefined
      ? []
      : adoptableUploads(await apis.zoho.listAttachments(src, link.zohoRecordId), {
          mirroredZohoIds: mirrors.zohoIds,
          since,
          tokenUserEmail: await tokenUserEmail(ctx, sci.installationId),
        });
  let copied = 0;
  for (const a of pending) {
    let zohoId = takeSameFile(candidates, a)?.id;
    if (!zohoId) {
      const file = await apis.jira.downloadAttachment(a.id);
      zohoId = (
        await apis.zoho.uploadAttachment(src, link.zohoRecordId, {
          name: a.filename,
          size: a.size,
          contentType: a.mimeType || file.contentType,
          stream: file.stream,
        })
      ).id;
    }
    if (
      await recordAttachmentMirror(ctx.prisma, {
        linkId: link.id,
        zohoAttachmentId: zohoId,
        jiraAttachmentId: a.id,
        fileName: a.filename,
        size: a.size,
        origin: 'jira_to_zoho',
      })
    ) {
      copied += 1;
      noteCopied(ctx, link, 'attachment', 'jira_to_zoho', a.filename);
    }
  }
  return copied;
}
