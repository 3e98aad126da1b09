/** Jira's `fields` query selector on an issue's fields (GET issue, search): `*all`, `*navigable`, names, `-name`. */
export function selectFields(all: Record<string, unknown>, selectors: string[]): Record<string, unknown> | undefined {
  const tokens = selectors
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  let include = new Set<string>();
  for (const t of tokens) {
    if (t === '*all' || t === '*navigable') include = new Set([...include, ...Object.keys(all)]);
    else if (!t.startsWith('-') && t !== 'id' && t !== 'key') include.add(t);
  }
  for (const t of tokens) if (t.startsWith('-')) include.delete(t.slice(1));
  if (include.size === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of include) if (k in all) out[k] = all[k];
  return out;
}
