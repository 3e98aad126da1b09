/**
 * A small, forgiving HTML reader for Zoho rich text (comments, descriptions). Not a full HTML5
 * parser: it builds a tree of elements and text good enough for conversion to ADF, tolerating
 * unclosed and stray tags. Pure: runs inside workflows, where there is no DOM.
 */

export type HtmlNode = HtmlElement | HtmlText;
export interface HtmlElement {
  kind: 'element';
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export interface HtmlText {
  kind: 'text';
  text: string;
}

const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'area', 'base', 'source']);
const DROPPED_TAGS = new Set(['script', 'style', 'head', 'title', 'template']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
  bull: '\u2022',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Zoho mentions look like zp[@zpuser#<zuid>#<Name>]zp; we render them as "@Name". */
export function renderZohoMentions(text: string): string {
  return text.replace(/zp\[@zpuser#[^#\]]*#([^\]]*)\]zp/g, (_m, name: string) => `@${name}`);
}

const TAG_RE =
  /<!--[\s\S]*?(?:-->|$)|<\/?([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s/>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;
const ATTR_RE = /([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(ATTR_RE)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Parse an HTML fragment into a root element named '#root'. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  let dropDepth = 0;
  let last = 0;
  const top = () => stack[stack.length - 1];
  const pushText = (raw: string) => {
    if (!raw || dropDepth > 0) return;
    top().children.push({ kind: 'text', text: decodeEntities(raw) });
  };
  for (const m of html.matchAll(TAG_RE)) {
    pushText(html.slice(last, m.index));
    last = m.index! + m[0].length;
    if (!m[1]) continue; // comment
    const tag = m[1].toLowerCase();
    const closing = m[0][1] === '/';
    if (DROPPED_TAGS.has(tag)) {
      dropDepth += closing ? (dropDepth > 0 ? -1 : 0) : m[3] ? 0 : 1;
      continue;
    }
    if (dropDepth > 0) continue;
    if (closing) {
      const at = findOpen(stack, tag);
      if (at > 0) stack.length = at; // pops the element and anything left unclosed inside it
      continue;
    }
    if (tag === 'li') closeOpen(stack, 'li', ['ul', 'ol']);
    if (tag === 'p') closeOpen(stack, 'p', []);
    const el: HtmlElement = { kind: 'element', tag, attrs: parseAttrs(m[2] ?? ''), children: [] };
    top().children.push(el);
    if (!VOID_TAGS.has(tag) && !m[3]) stack.push(el);
  }
  pushText(html.slice(last));
  return root;
}

function findOpen(stack: HtmlElement[], tag: string): number {
  for (let i = stack.length - 1; i > 0; i--) if (stack[i].tag === tag) return i;
  return -1;
}

/** An open <li> (or <p>) is implicitly closed by the next one, unless a list opened in between. */
function closeOpen(stack: HtmlElement[], tag: string, barriers: string[]): void {
  for (let i = stack.length - 1; i > 0; i--) {
    if (barriers.includes(stack[i].tag)) return;
    if (stack[i].tag === tag) {
      stack.length = i;
      return;
    }
  }
}

/** Plain text of an HTML fragment: block ends become newlines. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const walk = (node: HtmlNode) => {
    if (node.kind === 'text') {
      out.push(renderZohoMentions(node.text).replace(/\s+/g, ' '));
      return;
    }
    if (node.tag === 'br') out.push('\n');
    if (node.tag === 'li') out.push('\n- ');
    node.children.forEach(walk);
    if (/^(p|div|h[1-6]|pre|blockquote|ul|ol|tr)$/.test(node.tag)) out.push('\n');
  };
  walk(parseHtml(html));
  return out
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
