/** Minimal Atlassian Document Format helpers: validity check, plain text in and out. */
import type { AdfDoc } from './types';

export function isAdfDoc(value: unknown): value is AdfDoc {
  if (!value || typeof value !== 'object') return false;
  const doc = value as Record<string, unknown>;
  return doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content);
}

export function adfFromText(text: string): AdfDoc {
  const paragraphs = text.split(/\n/).map((line) => ({
    type: 'paragraph',
    content: line ? [{ type: 'text', text: line }] : [],
  }));
  return { type: 'doc', version: 1, content: paragraphs };
}

function nodeText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; text?: string; content?: unknown[]; attrs?: Record<string, unknown> };
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  if (n.type === 'mention') return String(n.attrs?.text ?? '');
  const inner = (n.content ?? []).map(nodeText);
  const block = ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote', 'bulletList', 'orderedList'];
  return block.includes(n.type ?? '') ? inner.join('') + '\n' : inner.join('');
}

export function adfToText(doc: AdfDoc | null | undefined): string {
  if (!doc) return '';
  return doc.content.map(nodeText).join('').replace(/\n+$/, '');
}
