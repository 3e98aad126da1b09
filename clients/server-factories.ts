/**
 * The production ZohoApi / JiraApi factories of the server: real clients over shared connection
 * pools, a Zoho call budget and access-token cache per connection (the token cache is stored
 * encrypted on the ZohoConnection row so server and worker share it).
 */
import type { PrismaClient } from '../store/prisma';
import { createHttpClient } from '../integrations/http/request';
import { createJiraClient } from '../integrations/jira/client';
import { createZohoBudget, type ZohoBudget } from '../integrations/zoho/budget';
import { createZohoClient } from '../integrations/zoho/client';
import type { ZohoHostOverrides } from '../integrations/zoho/data-centers';
import { refreshAccessToken } from '../integrations/zoho/oauth';
import { createZohoTokenProvider, type ZohoTokenProvider } from '../integrations/zoho/token-provider';
import type { JiraFactory, SecretBox, ZohoCredentials, ZohoFactory } from '../server/deps';

export interface DefaultClientDeps {
  prisma: PrismaClient;
  secrets: SecretBox;
  overrides: ZohoHostOverrides;
}

export function createDefaultClientFactories(deps: DefaultClientDeps): {
  zohoFactory: ZohoFactory;
  jiraFactory: JiraFactory;
  close(): Promise<void>;
} {
  const zohoHttp = createHttpClient({ service: 'zoho', timeoutMs: 20_000 });
  const jiraHttp = createHttpClient({ service: 'jira', timeoutMs: 20_000 });
  const budgets = new Map<string, ZohoBudget>();
  const tokenProviders = new Map<string, { refreshTokenEnd: string; provider: ZohoTokenProvider }>();

  function tokensFor(c: ZohoCredentials): ZohoTokenProvider {
    // Keyed by installation; a new refresh token (reconnect) gets a new provider.
    const refreshTokenEnd = `${c.clientId}:${c.refreshToken.slice(-12)}`;
    const known = tokenProviders.get(c.installationId);
    if (known && known.refreshTokenEnd === refreshTokenEnd) return known.provider;
    const provider = createZohoTokenProvider({
      load: async () => {
        const row = await deps.prisma.zohoConnection.findUnique({
          where: { installationId: c.installationId },
          select: { accessTokenEnc: true, accessTokenExpiresAt: true },
        });
        if (!row?.accessTokenEnc || !row.accessTokenExpiresAt) return null;
        return { accessToken: deps.secrets.open(row.accessTokenEnc), expiresAt: row.accessTokenExpiresAt.getTime() };
      },
      save: async (t) => {
        await deps.prisma.zohoConnection.updateMany({
          where: { installationId: c.installationId },
          data: { accessTokenEnc: deps.secrets.seal(t.accessToken), accessTokenExpiresAt: new Date(t.expiresAt) },
        });
      },
      refresh: () =>
        refreshAccessToken(
          {
            dataCenter: c.dataCenter,
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            refreshToken: c.refreshToken,
          },
          { overrides: deps.overrides },
        ),
    });
    tokenProviders.set(c.installationId, { refreshTokenEnd, provider });
    return provider;
  }

  const zohoFactory: ZohoFactory = (c) => {
    let budget = budgets.get(c.installationId);
    if (!budget) {
      budget = createZohoBudget();
      budgets.set(c.installationId, budget);
    }
    return createZohoClient({
      dataCenter: c.dataCenter,
      overrides: deps.overrides,
      tokens: tokensFor(c),
      budget,
      http: zohoHttp,
    });
  };

  const jiraFactory: JiraFactory = (access) =>
    createJiraClient({
      baseUrl: access.apiBaseUrl,
      token: async () => access.token,
      http: jiraHttp,
    });

  return {
    zohoFactory,
    jiraFactory,
    async close() {
      await Promise.all([zohoHttp.close(), jiraHttp.close()]);
    },
  };
}
