/**
 * One Jira client per installation per process, acting as the app with the Forge system token.
 * Forge pushes a fresh token with its calls (stored by the server), so the token is re-read from
 * the store, cached briefly to spare a read per Jira call.
 */
import type { HttpClient } from '../integrations/http/request';
import { createJiraClient } from '../integrations/jira/client';
import type { JiraApi } from '../integrations/jira/types';
import type { PrismaClient } from '../store/prisma';
import type { SecretBox } from '../store/secrets';
import type { JiraPacers } from './shared-jira-pace';

export interface JiraClientsOptions {
  prisma: PrismaClient;
  secrets: SecretBox;
  http: HttpClient;
  /** Dev/sim: replaces every installation's Jira apiBaseUrl. */
  jiraApiBaseOverride?: string;
  /** The sites' paces (shared by every process); default each client's process-local pacer. */
  pacers?: JiraPacers;
  now?: () => number;
}

const TOKEN_CACHE_MS = 30_000;
/** A token this close to expiry is not handed out (a Jira call may take a while). */
const TOKEN_SAFETY_MS = 60_000;

export function createJiraClients(opts: JiraClientsOptions) {
  const { prisma, secrets } = opts;
  const now = opts.now ?? Date.now;
  const clients = new Map<string, Promise<JiraApi>>();

  async function build(installationId: string): Promise<JiraApi> {
    const inst = await prisma.installation.findUnique({ where: { id: installationId } });
    if (!inst) throw new Error(`Unknown installation ${installationId}`);
    let cached: { at: number; token: string | null } | undefined;
    const baseUrl = opts.jiraApiBaseOverride ?? inst.apiBaseUrl;
    return createJiraClient({
      baseUrl,
      http: opts.http,
      pacer: opts.pacers?.pacerFor(baseUrl.replace(/\/+$/, '')),
      token: async () => {
        if (cached && now() - cached.at < TOKEN_CACHE_MS) return cached.token;
        const row = await prisma.installation.findUnique({
          where: { id: installationId },
          select: { systemTokenEnc: true, systemTokenExpiresAt: true },
        });
        const valid =
          row?.systemTokenEnc &&
          (!row.systemTokenExpiresAt || row.systemTokenExpiresAt.getTime() > now() + TOKEN_SAFETY_MS);
        cached = { at: now(), token: valid ? secrets.open(row.systemTokenEnc!) : null };
        return cached.token;
      },
    });
  }

  return {
    jiraFor(installationId: string): Promise<JiraApi> {
      let client = clients.get(installationId);
      if (!client) {
        client = build(installationId);
        client.catch(() => clients.delete(installationId));
        clients.set(installationId, client);
      }
      return client;
    },
  };
}
