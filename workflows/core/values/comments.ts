/**
 * Comment bodies mirrored between Zoho (HTML) and Jira (ADF), each opened by an attribution line
 * naming the original author, since the mirror is posted by the connector's own user.
 */
import { adfDoc, type AdfDoc } from './adf';
import { adfToHtml } from './adf-to-html';
import { escapeHtml } from './html-parse';
import { htmlToAdf } from './html-to-adf';

export function zohoCommentToJira(input: { html: string; authorName?: string }): AdfDoc {
  const author = input.authorName?.trim() || 'a Zoho Projects user';
  const attribution = {
    type: 'paragraph',
    content: [{ type: 'text', text: `Comment from Zoho Projects by ${author}:`, marks: [{ type: 'em' }] }],
  };
  return adfDoc([attribution, ...htmlToAdf(input.html).content]);
}

export function jiraCommentToZoho(input: { body: unknown; authorName?: string }): string {
  const author = input.authorName?.trim() || 'a Jira user';
  return `<p><em>Comment from Jira by ${escapeHtml(author)}:</em></p>${adfToHtml(input.body)}`;
}
