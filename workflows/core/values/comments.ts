/**
 * Comment bodies mirrored between Zoho (HTML) and Jira (ADF), each opened by an attribution line
 * naming the original author, since the mirror is posted by the connector's own user.
 */
import { adfDoc, type AdfDoc } from './adf';
import { adfToHtml } from './adf-to-html';
import { escapeHtml } from './html-parse';
import { htmlToAdf } from './html-to-adf';

/** The attribution each mirror opens with; also how a copy is recognised so it is never copied back. */
export const MIRROR_ATTRIBUTION = {
  fromZoho: 'Comment from Zoho Projects by',
  fromJira: 'Comment from Jira by',
} as const;

/** Whether a comment's plain text opens with our attribution, i.e. it is a mirror we posted. */
export function isMirroredComment(plainText: string, from: keyof typeof MIRROR_ATTRIBUTION): boolean {
  return plainText.trimStart().startsWith(MIRROR_ATTRIBUTION[from]);
}

export function zohoCommentToJira(input: { html: string; authorName?: string }): AdfDoc {
  const author = input.authorName?.trim() || 'a Zoho Projects user';
  const attribution = {
    type: 'paragraph',
    content: [{ type: 'text', text: `${MIRROR_ATTRIBUTION.fromZoho} ${author}:`, marks: [{ type: 'em' }] }],
  };
  return adfDoc([attribution, ...htmlToAdf(input.html).content]);
}

export function jiraCommentToZoho(input: { body: unknown; authorName?: string }): string {
  const author = input.authorName?.trim() || 'a Jira user';
  return `<p><em>${MIRROR_ATTRIBUTION.fromJira} ${escapeHtml(author)}:</em></p>${adfToHtml(input.body)}`;
}
