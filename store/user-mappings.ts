/**
 * The admin's user mapping table: a Zoho user (zpuid, per portal) paired with a Jira accountId,
 * for people whose email Jira hides. Always scoped by installation; one pair per Zoho user and
 * one per Jira account in a portal, so both directions resolve to one person.
 */
import type { MappedUser } from '../workflows/core/values/user-directory';
import type { PrismaClient } from './prisma';

export interface UserMappingRow {
  id: string;
  zohoPortalId: string;
  zohoUserId: string;
  zohoName: string | null;
  zohoEmail: string | null;
  jiraAccountId: string;
  jiraDisplayName: string | null;
  updatedAt: Date;
}

export interface UserMappingInput {
  zohoPortalId: string;
  zohoUserId: string;
  zohoName?: string | null;
  zohoEmail?: string | null;
  jiraAccountId: string;
  jiraDisplayName?: string | null;
}

const select = {
  id: true,
  zohoPortalId: true,
  zohoUserId: true,
  zohoName: true,
  zohoEmail: true,
  jiraAccountId: true,
  jiraDisplayName: true,
  updatedAt: true,
} as const;

export function listUserMappings(
  prisma: PrismaClient,
  installationId: string,
  zohoPortalId?: string,
): Promise<UserMappingRow[]> {
  return prisma.userMapping.findMany({
    where: { installationId, ...(zohoPortalId ? { zohoPortalId } : {}) },
    select,
    orderBy: [{ zohoName: 'asc' }, { zohoUserId: 'asc' }],
  });
}

/**
 * Pairs the Zoho user with the Jira account, replacing an earlier pair of either (a person is
 * mapped once per portal, so the table never holds two answers for one user).
 */
export async function saveUserMapping(
  prisma: PrismaClient,
  installationId: string,
  input: UserMappingInput,
): Promise<UserMappingRow> {
  const data = {
    zohoName: input.zohoName ?? null,
    zohoEmail: input.zohoEmail?.trim().toLowerCase() || null,
    jiraAccountId: input.jiraAccountId,
    jiraDisplayName: input.jiraDisplayName ?? null,
  };
  return prisma.$transaction(async (tx) => {
    await tx.userMapping.deleteMany({
      where: {
        installationId,
        zohoPortalId: input.zohoPortalId,
        jiraAccountId: input.jiraAccountId,
        NOT: { zohoUserId: input.zohoUserId },
      },
    });
    return tx.userMapping.upsert({
      where: {
        installationId_zohoPortalId_zohoUserId: {
          installationId,
          zohoPortalId: input.zohoPortalId,
          zohoUserId: input.zohoUserId,
        },
      },
      create: { installationId, zohoPortalId: input.zohoPortalId, zohoUserId: input.zohoUserId, ...data },
      update: data,
      select,
    });
  });
}

/** false when there was no such pair in this installation. */
export async function deleteUserMapping(prisma: PrismaClient, installationId: string, id: string): Promise<boolean> {
  const { count } = await prisma.userMapping.deleteMany({ where: { id, installationId } });
  return count > 0;
}

/** The pairs the user directory puts first, for one portal. */
export async function mappedUsersFor(
  prisma: PrismaClient,
  installationId: string,
  zohoPortalId: string,
): Promise<MappedUser[]> {
  const rows = await listUserMappings(prisma, installationId, zohoPortalId);
  return rows.map((r) => ({
    zohoUserId: r.zohoUserId,
    jiraAccountId: r.jiraAccountId,
    zohoEmail: r.zohoEmail,
    displayName: r.zohoName ?? r.jiraDisplayName,
  }));
}
