/**
 * Zoho rich text (HTML) → Jira ADF. Supported: paragraphs, hard breaks, bold/italic/underline/
 * strike/code marks, links, bullet/ordered lists, headings, code blocks, blockquotes, rules;
 * Zoho mentions render as "@Name"; any other tag degrades to its text.
 */
import { adfDoc, type AdfDoc, type AdfMark, type AdfNode } from './adf';
import { parseHtml, renderZohoMentions, type HtmlElement, type HtmlNode } from './html-parse';

const MARK_TAGS: Record<string, string> = {
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  code: 'code',
  tt: 'code',
  kbd: 'code',
};
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'hr',
  'table',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
  'section',
  'article',
  'header',
  'footer',
]);

export function htmlToAdf(html: string): AdfDoc {
  return adfDoc(blocks(parseHtml(html).children));
}

function blocks(nodes: HtmlNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  let pending: AdfNode[] = [];
  const flush = () => {
    const content = trimInline(pending);
    if (content.length) out.push({ type: 'paragraph', content });
    pending = [];
  };
  for (const node of nodes) {
    if (node.kind === 'element' && BLOCK_TAGS.has(node.tag)) {
      flush();
      out.push(...block(node));
    } else {
      pending.push(...inline(node, []));
    }
  }
  flush();
  return out;
}

function block(el: HtmlElement): AdfNode[] {
  const heading = /^h([1-6])$/.exec(el.tag);
  if (heading) {
    const content = trimInline(inlineChildren(el, []));
    return content.length ? [{ type: 'heading', attrs: { level: Number(heading[1]) }, content }] : [];
  }
  switch (el.tag) {
    case 'hr':
      return [{ type: 'rule' }];
    case 'pre': {
      const text = textOf(el).replace(/\n$/, '');
      return text ? [{ type: 'codeBlock', content: [{ type: 'text', text }] }] : [];
    }
    case 'ul':
    case 'ol': {
      const items = el.children.flatMap((child) => listItem(child));
      if (!items.length) return [];
      return [{ type: el.tag === 'ul' ? 'bulletList' : 'orderedList', content: items }];
    }
    case 'li':
      return blocks(el.children); // a stray <li> outside a list
    case 'blockquote': {
      const content = blocks(el.children).filter((n) => n.type === 'paragraph' || n.type.endsWith('List'));
      return content.length ? [{ type: 'blockquote', content }] : [];
    }
    default:
      return blocks(el.children);
  }
}

function listItem(node: HtmlNode): AdfNode[] {
  if (node.kind === 'text') {
    return node.text.trim() ? [{ type: 'listItem', content: [{ type: 'paragraph', content: inline(node, []) }] }] : [];
  }
  if (node.tag === 'ul' || node.tag === 'ol') {
    return [{ type: 'listItem', content: [{ type: 'paragraph', content: [] }, ...block(node)] }];
  }
  // listItem content: paragraphs, lists and code blocks only.
  const content = blocks(node.children).flatMap((n) =>
    ['paragraph', 'bulletList', 'orderedList', 'codeBlock'].includes(n.type) ? [n] : (n.content ?? []),
  );
  if (!content.length || content[0].type !== 'paragraph') content.unshift({ type: 'paragraph', content: [] });
  return [{ type: 'listItem', content }];
}

function inlineChildren(el: HtmlElement, marks: AdfMark[]): AdfNode[] {
  return el.children.flatMap((child) => inline(child, marks));
}

function inline(node: HtmlNode, marks: AdfMark[]): AdfNode[] {
  if (node.kind === 'text') {
    const text = renderZohoMentions(node.text).replace(/[ \t\r\n\f]+/g, ' ');
    return text ? [withMarks({ type: 'text', text }, marks)] : [];
  }
  if (node.tag === 'br') return [{ type: 'hardBreak' }];
  if (node.tag === 'img') {
    const alt = node.attrs.alt || node.attrs.src;
    return alt ? [withMarks({ type: 'text', text: alt }, marks)] : [];
  }
  const markType = MARK_TAGS[node.tag];
  if (markType) return inlineChildren(node, addMark(marks, { type: markType }));
  if (node.tag === 'a' && node.attrs.href && /^(https?:|mailto:)/i.test(node.attrs.href)) {
    return inlineChildren(node, addMark(marks, { type: 'link', attrs: { href: node.attrs.href } }));
  }
  const style = node.attrs.style ?? '';
  let next = marks;
  if (/font-weight:\s*(bold|[6-9]00)/i.test(style)) next = addMark(next, { type: 'strong' });
  if (/font-style:\s*italic/i.test(style)) next = addMark(next, { type: 'em' });
  if (/text-decoration[^;]*underline/i.test(style)) next = addMark(next, { type: 'underline' });
  if (/text-decoration[^;]*line-through/i.test(style)) next = addMark(next, { type: 'strike' });
  const children = inlineChildren(node, next);
  // A block element met inside inline content: keep its text on its own line.
  if (BLOCK_TAGS.has(node.tag) && children.length) return [...children, { type: 'hardBreak' }];
  return children;
}

function addMark(marks: AdfMark[], mark: AdfMark): AdfMark[] {
  if (marks.some((m) => m.type === mark.type)) return marks;
  return [...marks, mark];
}

/** ADF allows `code` only together with `link`. */
function withMarks(node: AdfNode, marks: AdfMark[]): AdfNode {
  if (!marks.length) return node;
  const hasCode = marks.some((m) => m.type === 'code');
  const allowed = hasCode ? marks.filter((m) => m.type === 'code' || m.type === 'link') : marks;
  return { ...node, marks: allowed };
}

/** Collapse whitespace at paragraph edges and around breaks; merge adjacent equal-mark text. */
function trimInline(nodes: AdfNode[]): AdfNode[] {
  const merged: AdfNode[] = [];
  for (const n of nodes) {
    const prev = merged[merged.length - 1];
    if (prev && prev.type === 'text' && n.type === 'text' && JSON.stringify(prev.marks) === JSON.stringify(n.marks)) {
      merged[merged.length - 1] = { ...prev, text: (prev.text + n.text!).replace(/ {2,}/g, ' ') };
    } else merged.push({ ...n });
  }
  while (merged.length && merged[merged.length - 1].type === 'hardBreak') merged.pop();
  while (merged.length && merged[0].type === 'hardBreak') merged.shift();
  merged.forEach((n, i) => {
    if (n.type !== 'text') return;
    const before = merged[i - 1];
    if (i === 0 || before?.type === 'hardBreak') n.text = n.text!.replace(/^ +/, '');
    const after = merged[i + 1];
    if (i === merged.length - 1 || after?.type === 'hardBreak') n.text = n.text!.replace(/ +$/, '');
  });
  return merged.filter((n) => n.type !== 'text' || n.text !== '');
}

function textOf(node: HtmlNode): string {
  if (node.kind === 'text') return node.text;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}
