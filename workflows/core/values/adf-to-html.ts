/**
 * Jira ADF → Zoho rich text (HTML) and → plain text. Unknown nodes degrade to their text
 * (content, `text`, or `attrs.text`), so nothing a Jira user wrote silently disappears.
 */
import { isAdfDoc, type AdfMark, type AdfNode } from './adf';
import { escapeHtml } from './html-parse';

const MARK_HTML: Record<string, [string, string]> = {
  strong: ['<strong>', '</strong>'],
  em: ['<em>', '</em>'],
  underline: ['<u>', '</u>'],
  strike: ['<s>', '</s>'],
  code: ['<code>', '</code>'],
  subsup: ['', ''],
};

export function adfToHtml(doc: unknown): string {
  if (!isAdfDoc(doc)) return typeof doc === 'string' ? escapeHtml(doc).replace(/\n/g, '<br>') : '';
  return doc.content.map(nodeHtml).join('');
}

function nodeHtml(node: AdfNode): string {
  const inner = () => (node.content ?? []).map(nodeHtml).join('');
  switch (node.type) {
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList':
      return `<ol>${inner()}</ol>`;
    case 'listItem':
      return `<li>${listItemHtml(node)}</li>`;
    case 'codeBlock':
      return `<pre><code>${escapeHtml(plain(node))}</code></pre>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'rule':
      return '<hr>';
    case 'hardBreak':
      return '<br>';
    case 'text':
      return marked(escapeHtml(node.text ?? ''), node.marks ?? []);
    case 'mention':
      return escapeHtml(mentionText(node));
    case 'emoji':
      return escapeHtml(String(node.attrs?.text ?? node.attrs?.shortName ?? ''));
    case 'inlineCard':
    case 'blockCard': {
      const url = String(node.attrs?.url ?? '');
      return /^https?:/i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
    }
    case 'date':
      return escapeHtml(dateText(node));
    default: {
      if (node.content) {
        const html = inner();
        return isBlockish(node) ? `<p>${html}</p>` : html;
      }
      return escapeHtml(String(node.text ?? node.attrs?.text ?? ''));
    }
  }
}

/** A list item whose only child is a paragraph renders without the <p> wrapper. */
function listItemHtml(node: AdfNode): string {
  const content = node.content ?? [];
  return content
    .map((child, i) =>
      child.type === 'paragraph' && i === 0 ? (child.content ?? []).map(nodeHtml).join('') : nodeHtml(child),
    )
    .join('');
}

function isBlockish(node: AdfNode): boolean {
  return (node.content ?? []).every((c) => c.type === 'text' || c.type === 'hardBreak' || c.type === 'mention');
}

function marked(html: string, marks: AdfMark[]): string {
  let out = html;
  for (const mark of marks) {
    if (mark.type === 'link') {
      const href = String(mark.attrs?.href ?? '');
      if (/^(https?:|mailto:)/i.test(href)) out = `<a href="${escapeHtml(href)}">${out}</a>`;
      continue;
    }
    const tags = MARK_HTML[mark.type];
    if (tags) out = `${tags[0]}${out}${tags[1]}`;
  }
  return out;
}

function mentionText(node: AdfNode): string {
  const text = String(node.attrs?.text ?? node.attrs?.displayName ?? node.attrs?.id ?? '');
  return text.startsWith('@') ? text : `@${text}`;
}

function dateText(node: AdfNode): string {
  const ts = Number(node.attrs?.timestamp);
  return Number.isFinite(ts) ? new Date(ts).toISOString().slice(0, 10) : '';
}

/** Plain text of an ADF document: paragraphs separated by blank lines, list items as "- ". */
export function adfToText(doc: unknown): string {
  if (typeof doc === 'string') return doc;
  if (!isAdfDoc(doc)) return '';
  return doc.content
    .map((n) => plainBlock(n, ''))
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function plainBlock(node: AdfNode, indent: string): string {
  if (node.type === 'bulletList' || node.type === 'orderedList') {
    return (node.content ?? [])
      .map((item, i) => {
        const bullet = node.type === 'bulletList' ? '- ' : `${i + 1}. `;
        const parts = (item.content ?? []).map((c) => plainBlock(c, `${indent}  `));
        return `${indent}${bullet}${parts.join('\n')}`;
      })
      .join('\n');
  }
  return plain(node);
}

function plain(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return mentionText(node);
    case 'emoji':
      return String(node.attrs?.text ?? node.attrs?.shortName ?? '');
    case 'inlineCard':
      return String(node.attrs?.url ?? '');
    case 'date':
      return dateText(node);
    default:
      if (node.content)
        return node.content
          .map((c) => (c.type.endsWith('List') ? plainBlock(c, '') : plain(c)))
          .join(['paragraph', 'heading', 'codeBlock'].includes(node.type) ? '' : '\n');
      return String(node.text ?? node.attrs?.text ?? '');
  }
}
