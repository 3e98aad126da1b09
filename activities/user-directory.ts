/**
 * Feeds the user directory: the admin's user mapping table (read each time, so a new pair counts
 * at once), Zoho users per portal (GET /users) and Jira users per installation (by accountId
 * through /user/bulk, by email through /user/search), the last two cached in-process with a TTL.
 *
 * Why in-process and not a table: the directory is derived data that one paged call per portal
 * rebuilds; a stale entry costs at most one TTL, and a table would add a migration for no gain in
 * correctness. Misses are cached too, so a Zoho user without a Jira account costs one search per
 * TTL, not one per record. Only SCIs that map a user field pay for any of it.
 */
import type { JiraField, JiraIssue, SmartConnectedItem, ZohoField, ZohoRecord } from '../workflows/core/model';
import { zohoFieldValue } from '../workflows/core/record-fields';
import { indexById, jiraFieldMeta, zohoFieldMeta } from '../workflows/core/values/field-defaults';
import {
  buildUserDirectory,
  type DirectoryJiraUser,
  type DirectoryZohoUser,
  type UserDirectoryEntry,
} from '../workflows/core/values/user-directory';
import type { JiraApi, JiraUser } from '../integrations/jira/types';
import type { ZohoApi } from '../integrations/zoho/types';
import type { PrismaClient } from '../store/prisma';
import { mappedUsersFor } from '../store/user-mappings';
import type { ValueContext } from '../workflows/core/values/convert';
import { unmappedUserSettingsOf } from '../workflows/core/values/user-policy';
import type { Clock } from './context';

export const USER_DIRECTORY_TTL_MS = 10 * 60_000;

interface Cached<T> {
  value: Promise<T>;
  until: number;
}
const zohoUsersCache = new Map<string, Cached<DirectoryZohoUser[]>>();
const jiraByAccount = new Map<string, Cached<JiraUser | null>>();
const jiraByEmail = new Map<string, Cached<JiraUser | null>>();

function cached<T>(map: Map<string, Cached<T>>, key: string, clock: Clock, load: () => Promise<T>): Promise<T> {
  const hit = map.get(key);
  if (hit && hit.until > clock.now()) return hit.value;
  const value = load();
  value.catch(() => map.delete(key));
  map.set(key, { value, until: clock.now() + USER_DIRECTORY_TTL_MS });
  return value;
}

const USER_TYPES = new Set(['user', 'multiuser']);

export interface UserContextInput {
  installationId: string;
  sci: Pick<SmartConnectedItem, 'mappings' | 'zohoPortalId'>;
  jiraFields: readonly JiraField[];
  zohoFields: readonly ZohoField[];
  record?: ZohoRecord | null;
  issue?: JiraIssue | null;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
const strOf = (o: unknown, k: string): string | undefined => {
  const v = (o as Record<string, unknown> | null)?.[k];
  return typeof v === 'string' && v ? v : undefined;
};

/** The directory for the users this record/issue pair mentions; undefined when no user field is mapped. */
export async function userDirectoryFor(
  apis: { zoho: ZohoApi; jira: JiraApi; prisma?: PrismaClient },
  clock: Clock,
  input: UserContextInput,
): Promise<UserDirectoryEntry[] | undefined> {
  const jf = indexById(input.jiraFields);
  const zf = indexById(input.zohoFields);
  const mappings = input.sci.mappings.filter(
    (m) => jiraFieldMeta(m.jiraFieldId, jf).type === 'user' || USER_TYPES.has(zohoFieldMeta(m.zohoFieldId, zf).type),
  );
  if (!mappings.length) return undefined;
  const inst = input.installationId;
  const mapped = apis.prisma ? await mappedUsersFor(apis.prisma, inst, input.sci.zohoPortalId) : [];
  const pairedZoho = new Set(mapped.map((m) => m.zohoUserId));
  const pairedJira = new Set(mapped.map((m) => m.jiraAccountId));
  const zohoUsers = await cached(zohoUsersCache, `${inst}|${input.sci.zohoPortalId}`, clock, async () =>
    (await apis.zoho.listUsers(input.sci.zohoPortalId)).map((u) => ({ zpuid: u.id, name: u.name, email: u.email })),
  );
  const jiraUsers: DirectoryJiraUser[] = [];
  // Jira → Zoho: the Jira users on the issue, by accountId (the value shows the email only sometimes).
  const accountIds = new Set<string>();
  for (const m of mappings)
    for (const u of asList(input.issue?.fields[m.jiraFieldId])) {
      const accountId = strOf(u, 'accountId');
      if (!accountId || pairedJira.has(accountId)) continue;
      const email = strOf(u, 'emailAddress');
      if (email) jiraUsers.push({ accountId, displayName: strOf(u, 'displayName') ?? accountId, emailAddress: email });
      else accountIds.add(accountId);
    }
  const missing = [...accountIds].filter((id) => !jiraByAccount.get(`${inst}|${id}`));
  if (missing.length) {
    const found = apis.jira.getUsers(missing);
    for (const id of missing)
      void cached(
        jiraByAccount,
        `${inst}|${id}`,
        clock,
        async () => (await found).find((u) => u.accountId === id) ?? null,
      );
  }
  for (const id of accountIds) {
    const u = await cached(
      jiraByAccount,
      `${inst}|${id}`,
      clock,
      async () => (await apis.jira.getUsers([id]))[0] ?? null,
    );
    jiraUsers.push(u ?? { accountId: id, displayName: id });
  }
  // Zoho → Jira: the Jira account behind each Zoho user's email on the record.
  const emails = new Set<string>();
  for (const m of mappings)
    for (const u of asList(input.record ? zohoFieldValue(input.record, m.zohoFieldId) : undefined)) {
      const zpuid = strOf(u, 'zpuid') ?? strOf(u, 'id');
      if (zpuid && pairedZoho.has(zpuid)) continue;
      const email = strOf(u, 'email') ?? zohoUsers.find((z) => z.zpuid === zpuid)?.email;
      if (email) emails.add(email.trim().toLowerCase());
    }
  for (const email of emails) {
    const u = await cached(
      jiraByEmail,
      `${inst}|${email}`,
      clock,
      async () => (await apis.jira.findUsersByEmail(email))[0] ?? null,
    );
    if (u) jiraUsers.push(u);
  }
  return buildUserDirectory(zohoUsers, jiraUsers, mapped);
}

/**
 * A planner's value context for user fields: the directory plus the item's policy for users it
 * cannot pair (`{ ctx }` to spread into the plan input); `{}` when no user field is mapped.
 */
export async function userValueContext(
  apis: { zoho: ZohoApi; jira: JiraApi; prisma?: PrismaClient },
  clock: Clock,
  input: UserContextInput & { sci: SmartConnectedItem },
): Promise<{ ctx?: ValueContext }> {
  const users = await userDirectoryFor(apis, clock, input);
  return users ? { ctx: { users, unmappedUsers: unmappedUserSettingsOf(input.sci) } } : {};
}
