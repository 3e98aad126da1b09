/**
 * Jira labels ↔ Zoho tags, and Zoho priority ↔ Jira priority.
 *
 * Label rule: Jira labels cannot contain whitespace and are at most 255 characters, so a Zoho tag
 * becomes a label by trimming it and replacing every whitespace run with "_". In the other
 * direction a label is matched against the known Zoho tags by that same rule first, so the tag
 * "Needs review" survives a round trip through the label "Needs_review" instead of ping-ponging.
 */

export function labelFromTag(tag: string): string {
  return tag.trim().replace(/\s+/g, '_').slice(0, 255);
}

export function tagFromLabel(
  label: string,
  knownTags: ReadonlyArray<{ id: string; name: string }> = [],
): { id?: string; name: string } {
  const known = knownTags.find((t) => labelFromTag(t.name).toLowerCase() === label.toLowerCase());
  return known ? { id: known.id, name: known.name } : { name: label };
}

/** Default priority tables; a context may override them. Zoho "none" has no Jira counterpart. */
export const ZOHO_TO_JIRA_PRIORITY: Readonly<Record<string, string>> = { high: 'High', medium: 'Medium', low: 'Low' };
export const JIRA_TO_ZOHO_PRIORITY: Readonly<Record<string, string>> = {
  highest: 'high',
  high: 'high',
  medium: 'medium',
  low: 'low',
  lowest: 'low',
};
