/**
 * Installations and their Jira app system token. Forge offers no refresh endpoint, so we keep the
 * freshest token seen per installation (encrypted, with its exp) and use it for Jira REST calls.
 */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { PrismaClient } from '../../store/prisma';
import { AppError } from '../errors';
import type { ForgeInvocation } from '../plugins/fit-verifier';
import type { JiraAccess, SecretBox } from '../deps';

/** Forge documents at least 55 minutes of validity when the token carries no readable exp. */
const DEFAULT_TOKEN_TTL_MS = 55 * 60_000;
/** A token closer than this to expiry is not handed out (a Jira call may take a while). */
const TOKEN_SAFETY_MS = 60_000;

export function systemTokenExpiry(token: string, now: Date): Date {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') return new Date(exp * 1000);
  } catch {
    // Opaque token: fall through to the documented minimum lifetime.
  }
  return new Date(now.getTime() + DEFAULT_TOKEN_TTL_MS);
}

export interface InstallationServiceDeps {
  prisma: PrismaClient;
  secrets: SecretBox;
  clock: () => Date;
  jiraApiBaseOverride?: string;
}

export function createInstallationService(deps: InstallationServiceDeps) {
  const { prisma, secrets, clock } = deps;
  /** Per-process memo of the freshest token we stored (hash + expiry), to skip redundant writes. */
  const storedExpiry = new Map<string, number>();
  const storedTokenHash = new Map<string, string>();
  const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

  async function upsertFromInvocation(
    inv: ForgeInvocation,
    extra: { status?: 'active' | 'uninstalled'; heard?: boolean } = {},
  ) {
    const now = clock();
    const data = {
      appId: inv.appId,
      apiBaseUrl: inv.apiBaseUrl,
      ...(inv.cloudId ? { cloudId: inv.cloudId } : {}),
      ...(inv.siteUrl ? { siteUrl: inv.siteUrl } : {}),
      ...(extra.status ? { status: extra.status } : {}),
      ...(extra.heard ? { lastHeardAt: now } : {}),
    };
    return prisma.installation.upsert({
      where: { id: inv.installationId },
      create: { id: inv.installationId, ...data },
      update: data,
    });
  }

  /** Keeps the installation row and the freshest system token; called for every verified FIT. */
  async function recordInvocation(inv: ForgeInvocation, systemToken: string | undefined): Promise<void> {
    const known = storedExpiry.get(inv.installationId);
    if (!systemToken) {
      if (known === undefined) {
        await upsertFromInvocation(inv);
        storedExpiry.set(inv.installationId, 0);
      }
      return;
    }
    // Forge reuses a token until it nears expiry: the same token again needs no write.
    if (storedTokenHash.get(inv.installationId) === hashOf(systemToken)) return;
    const exp = systemTokenExpiry(systemToken, clock());
    if (known !== undefined && known >= exp.getTime()) return;
    await upsertFromInvocation(inv);
    // Conditional write: never replace a fresher token stored by another server instance.
    await prisma.installation.updateMany({
      where: {
        id: inv.installationId,
        OR: [{ systemTokenExpiresAt: null }, { systemTokenExpiresAt: { lt: exp } }],
      },
      data: { systemTokenEnc: secrets.seal(systemToken), systemTokenExpiresAt: exp },
    });
    storedExpiry.set(inv.installationId, exp.getTime());
    storedTokenHash.set(inv.installationId, hashOf(systemToken));
  }

  /** The installation's Jira base URL and a valid token, or a readable jira_unavailable error. */
  async function jiraAccess(installationId: string): Promise<JiraAccess> {
    const inst = await prisma.installation.findUnique({ where: { id: installationId } });
    if (!inst) throw new AppError('not_found', 'This Jira site is not known to the connector. Reinstall the app.');
    const now = clock().getTime();
    if (
      !inst.systemTokenEnc ||
      !inst.systemTokenExpiresAt ||
      inst.systemTokenExpiresAt.getTime() - TOKEN_SAFETY_MS <= now
    ) {
      throw new AppError(
        'jira_unavailable',
        'The connector has no valid Jira token for this site yet. Jira delivers one every five minutes; try again shortly.',
      );
    }
    return {
      installationId,
      apiBaseUrl: (deps.jiraApiBaseOverride ?? inst.apiBaseUrl).replace(/\/+$/, ''),
      token: secrets.open(inst.systemTokenEnc),
    };
  }

  async function tokenStatus(installationId: string) {
    const inst = await prisma.installation.findUnique({ where: { id: installationId } });
    const exp = inst?.systemTokenExpiresAt ?? null;
    const valid = Boolean(inst?.systemTokenEnc && exp && exp.getTime() - TOKEN_SAFETY_MS > clock().getTime());
    return {
      lastHeardFromJiraAt: inst?.lastHeardAt?.toISOString() ?? null,
      jiraTokenValid: valid,
      jiraTokenExpiresAt: exp?.toISOString() ?? null,
      jiraTokenMessage: valid
        ? null
        : 'Background Jira work is waiting for a fresh Jira token. Jira sends one every five minutes while the app is installed.',
    };
  }

  return { recordInvocation, upsertFromInvocation, jiraAccess, tokenStatus };
}

export type InstallationService = ReturnType<typeof createInstallationService>;
