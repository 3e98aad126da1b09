/**
 * The user directory: a person known on both sides, paired by an admin in the user mapping table
 * or matched by email (case-insensitive), the only identity Zoho and Jira share. Jira Cloud hides
 * most users' emails, so the table comes first and email is the fallback. Pure: activities fetch the users, this decides who is who,
 * and says in words why a user has no counterpart (so a skipped value is reported, never dropped).
 */
import { displayValue } from './display';

/** A person known on both sides, matched by email. */
export interface UserDirectoryEntry {
  /** Absent for a Jira user whose profile hides the email. */
  email?: string;
  jiraAccountId?: string;
  /** Zoho zpuid (the id user fields are written with). */
  zohoUserId?: string;
  displayName?: string;
  /** Paired by an admin in the user mapping table (wins over an email match). */
  mapped?: true;
}

/** A row of the admin's user mapping table. */
export interface MappedUser {
  zohoUserId: string;
  jiraAccountId: string;
  zohoEmail?: string | null;
  displayName?: string | null;
}

export interface DirectoryZohoUser {
  zpuid: string;
  name: string;
  email?: string;
}
export interface DirectoryJiraUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

const norm = (email: string | undefined): string | undefined => email?.trim().toLowerCase() || undefined;

/**
 * The admin's pairs first (lookups take the first hit), then one entry per email seen on either
 * side, plus one per Jira user whose email Jira hides.
 */
export function buildUserDirectory(
  zohoUsers: readonly DirectoryZohoUser[],
  jiraUsers: readonly DirectoryJiraUser[],
  mapped: readonly MappedUser[] = [],
): UserDirectoryEntry[] {
  const pairs = mapped.map((m): UserDirectoryEntry => ({
    ...(norm(m.zohoEmail ?? undefined) ? { email: norm(m.zohoEmail ?? undefined) } : {}),
    zohoUserId: m.zohoUserId,
    jiraAccountId: m.jiraAccountId,
    ...(m.displayName ? { displayName: m.displayName } : {}),
    mapped: true,
  }));
  const byEmail = new Map<string, UserDirectoryEntry>();
  const hidden: UserDirectoryEntry[] = [];
  for (const z of zohoUsers) {
    const email = norm(z.email);
    if (!email || byEmail.has(email)) continue;
    byEmail.set(email, { email, zohoUserId: z.zpuid, displayName: z.name });
  }
  for (const j of jiraUsers) {
    const email = norm(j.emailAddress);
    if (!email) {
      hidden.push({ jiraAccountId: j.accountId, displayName: j.displayName });
      continue;
    }
    const entry = byEmail.get(email);
    if (entry) entry.jiraAccountId ??= j.accountId;
    else byEmail.set(email, { email, jiraAccountId: j.accountId, displayName: j.displayName });
  }
  return [...pairs, ...byEmail.values(), ...hidden];
}

export type UserMatch = { ok: true; id: string } | { ok: false; reason: string };

function zohoUserRef(value: unknown): { zpuid?: string; email?: string; label: string } {
  if (typeof value === 'string') return value.includes('@') ? { email: value, label: value } : { label: value };
  const o = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const zpuid = typeof o.zpuid === 'string' ? o.zpuid : typeof o.id === 'string' ? o.id : undefined;
  const email = typeof o.email === 'string' && o.email.includes('@') ? o.email : undefined;
  return { zpuid, email, label: email ?? displayValue(value) ?? zpuid ?? 'unknown' };
}

/** Zoho user (as embedded in a record: zpuid, name, email) → Jira accountId. */
export function jiraAccountForZohoUser(users: readonly UserDirectoryEntry[] | undefined, zohoUser: unknown): UserMatch {
  const ref = zohoUserRef(zohoUser);
  const byId = ref.zpuid ? users?.find((u) => u.zohoUserId === ref.zpuid) : undefined;
  if (byId?.jiraAccountId) return { ok: true, id: byId.jiraAccountId };
  const email = norm(ref.email) ?? byId?.email;
  if (!email) return { ok: false, reason: `Zoho user "${ref.label}" has no email, so no Jira user can be matched` };
  const entry = users?.find((u) => u.email === email && u.jiraAccountId);
  return entry?.jiraAccountId
    ? { ok: true, id: entry.jiraAccountId }
    : { ok: false, reason: `Zoho user ${email} has no Jira user with that email` };
}

/** Jira user (REST value: accountId, displayName, emailAddress when shown) → Zoho zpuid. */
export function zohoUserForJiraUser(users: readonly UserDirectoryEntry[] | undefined, jiraUser: unknown): UserMatch {
  const o = (jiraUser && typeof jiraUser === 'object' ? jiraUser : {}) as Record<string, unknown>;
  const accountId = typeof o.accountId === 'string' ? o.accountId : undefined;
  const known = accountId ? users?.find((u) => u.jiraAccountId === accountId) : undefined;
  const email = norm(typeof o.emailAddress === 'string' ? o.emailAddress : undefined) ?? known?.email;
  const label = (typeof o.displayName === 'string' && o.displayName) || known?.displayName || accountId || 'unknown';
  if (known?.zohoUserId) return { ok: true, id: known.zohoUserId };
  if (!email) return { ok: false, reason: `Jira hides the email of user "${label}", so no Zoho user can be matched` };
  const entry = users?.find((u) => u.email === email && u.zohoUserId);
  return entry?.zohoUserId
    ? { ok: true, id: entry.zohoUserId }
    : { ok: false, reason: `Jira user "${label}" (${email}) has no Zoho user with that email` };
}
