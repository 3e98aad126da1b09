/**
 * Production wiring of `zohoFor` / `jiraFor`: per installation, clients built from the stored
 * (encrypted) credentials. One Zoho client — hence one call budget — per connection per process;
 * the Jira system token is re-read from the database (briefly cached) so fresh Forge tokens apply.
 */
import { createJiraClient } from '../integrations/jira/client';
import type { JiraApi } from '../integrations/jira/types';
import type { PrismaClient } from '../store/prisma';
import type { SecretBox } from '../store/secrets';
import { createZohoBudget } from '../integrations/zoho/budget';
import { createZohoClient } from '../integrations/zoho/client';
import { isDataCenterId, type ZohoHostOverrides } from '../integrations/zoho/data-centers';
import { refreshAccessToken } from '../integrations/zoho/oauth';
import { createZohoTokenProvider } from '../integrations/zoho/token-provider';
import type { ZohoApi } from '../integrations/zoho/types';

export interface ClientRegistryOptions {
  prisma: PrismaClient;
  secrets: SecretBox;
  zohoOverrides?: ZohoHostOverrides;
  /** Dev/sim: replaces every installation's Jira apiBaseUrl. */
  jiraApiBaseOverride?: string;
  /** Zoho calls per 2 minutes per connection in this process (default 80). */
  zohoBudgetLimit?: number;
}

export interface ClientRegistry {
  zohoFor(installationId: string): Promise<ZohoApi>;
  jiraFor(installationId: string): Promise<JiraApi>;
  close(): Promise<void>;
}

const TOKEN_CACHE_MS = 30_000;

export function createClientRegistry(opts: ClientRegistryOptions): ClientRegistry {
  const { prisma, secrets } = opts;
  const zoho = new Map<string, Promise<ZohoApi & { close(): Promise<void> }>>();
  const jira = new Map<string, Promise<JiraApi & { close(): Promise<void> }>>();

  async function buildZoho(installationId: string) {
    const conn = await prisma.zohoConnection.findUnique({ where: { installationId } });
    if (!conn) throw new Error(`Installation ${installationId} has no Zoho connection`);
    if (!isDataCenterId(conn.dataCenter)) throw new Error(`Unknown Zoho data center "${conn.dataCenter}"`);
    const dataCenter = conn.dataCenter;
    const tokens = createZohoTokenProvider({
      load: async () => {
        const row = await prisma.zohoConnection.findUnique({ where: { installationId } });
        if (!row?.accessTokenEnc || !row.accessTokenExpiresAt) return null;
        return { accessToken: secrets.open(row.accessTokenEnc), expiresAt: row.accessTokenExpiresAt.getTime() };
      },
      save: async (t) => {
        await prisma.zohoConnection.update({
          where: { installationId },
          data: { accessTokenEnc: secrets.seal(t.accessToken), accessTokenExpiresAt: new Date(t.expiresAt) },
        });
      },
      refresh: () =>
        refreshAccessToken(
          {
            dataCenter,
            clientId: conn.clientId,
            clientSecret: secrets.open(conn.clientSecretEnc),
            refreshToken: secrets.open(conn.refreshTokenEnc),
          },
          { overrides: opts.zohoOverrides },
        ),
    });
    return createZohoClient({
      dataCenter,
      overrides: opts.zohoOverrides,
      tokens,
      budget: createZohoBudget({ limit: opts.zohoBudgetLimit }),
    });
  }

  async function buildJira(installationId: string) {
    const inst = await prisma.installation.findUnique({ where: { id: installationId } });
    if (!inst) throw new Error(`Unknown installation ${installationId}`);
    let cached: { at: number; token: string | null } | undefined;
    return createJiraClient({
      baseUrl: opts.jiraApiBaseOverride ?? inst.apiBaseUrl,
      token: async () => {
        if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) return cached.token;
        const row = await prisma.installation.findUnique({
          where: { id: installationId },
          select: { systemTokenEnc: true, systemTokenExpiresAt: true },
        });
        const valid =
          row?.systemTokenEnc &&
          (!row.systemTokenExpiresAt || row.systemTokenExpiresAt.getTime() > Date.now() + 60_000);
        cached = { at: Date.now(), token: valid ? secrets.open(row!.systemTokenEnc!) : null };
        return cached.token;
      },
    });
  }

  function memo<T>(map: Map<string, Promise<T>>, id: string, build: (id: string) => Promise<T>): Promise<T> {
    let p = map.get(id);
    if (!p) {
      p = build(id);
      p.catch(() => map.delete(id));
      map.set(id, p);
    }
    return p;
  }

  return {
    zohoFor: (id) => memo(zoho, id, buildZoho),
    jiraFor: (id) => memo(jira, id, buildJira),
    async close() {
      const all = [...zoho.values(), ...jira.values()];
      await Promise.allSettled(all.map(async (p) => (await p).close()));
    },
  };
}
