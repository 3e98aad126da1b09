/**
 * One Zoho client (token provider + call budget) per stored Zoho connection per process, that
 * follows the stored connection: every zohoFor reads the connection row (one indexed read) and
 * rebuilds the client when the row's version changed. The version is the row id plus the refresh
 * token's ciphertext: a reconnect (new code), a revoke followed by a connect, and a data-center or
 * Client ID change all go through save(), which seals a new refresh token (random IV, so always a
 * new ciphertext), while a refreshed access token does not change it. updatedAt would also move on
 * every access-token refresh, and a TTL would leave a window in which a reconnect is ignored.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { HttpClient } from '../integrations/http/request';
import { createZohoClient } from '../integrations/zoho/client';
import { isDataCenterId, type DataCenterId, type ZohoHostOverrides } from '../integrations/zoho/data-centers';
import { refreshAccessToken, ZohoAuthError, type ZohoTokens } from '../integrations/zoho/oauth';
import { createZohoTokenProvider } from '../integrations/zoho/token-provider';
import type { ZohoApi } from '../integrations/zoho/types';
import type { PrismaClient, ZohoConnection } from '../store/prisma';
import type { SecretBox } from '../store/secrets';
import type { ZohoBudgets } from './zoho-budgets';

export const ZOHO_NOT_CONNECTED = 'ZohoNotConnected';

/** No usable stored Zoho connection. Retryable: an admin may connect (again) before the next attempt. */
export class ZohoNotConnectedError extends ApplicationFailure {
  constructor(detail = 'Zoho Projects is not connected for this Jira site') {
    super(`${detail}. An admin can connect it on the connector admin page.`, ZOHO_NOT_CONNECTED, false);
  }
}

export interface ZohoClientsOptions {
  prisma: PrismaClient;
  secrets: SecretBox;
  budgets: ZohoBudgets;
  http: HttpClient;
  overrides?: ZohoHostOverrides;
}

interface Entry {
  version: string;
  client: ZohoApi;
}

const versionOf = (row: ZohoConnection): string => `${row.id}:${row.refreshTokenEnc}`;

export function createZohoClients(opts: ZohoClientsOptions) {
  const { prisma, secrets } = opts;
  const entries = new Map<string, Entry>();

  const readRow = (installationId: string) => prisma.zohoConnection.findUnique({ where: { installationId } });

  function dataCenterOf(row: ZohoConnection): DataCenterId {
    if (!isDataCenterId(row.dataCenter)) {
      throw new ZohoNotConnectedError(`The stored Zoho connection names an unknown data center "${row.dataCenter}"`);
    }
    return row.dataCenter;
  }

  /** The token provider's store and refresh grant, always from the row as stored now. */
  function tokenStore(installationId: string) {
    // The refresh token the last refresh used: a refreshed access token is only saved onto that
    // connection, never over the tokens of a connection saved meanwhile.
    let refreshedWith: string | undefined;

    async function refreshWith(row: ZohoConnection): Promise<ZohoTokens> {
      const tokens = await refreshAccessToken(
        {
          dataCenter: dataCenterOf(row),
          clientId: row.clientId,
          clientSecret: secrets.open(row.clientSecretEnc),
          refreshToken: secrets.open(row.refreshTokenEnc),
        },
        { overrides: opts.overrides },
      );
      refreshedWith = row.refreshTokenEnc;
      return tokens;
    }

    return {
      load: async (): Promise<ZohoTokens | null> => {
        const row = await readRow(installationId);
        if (!row?.accessTokenEnc || !row.accessTokenExpiresAt) return null;
        return { accessToken: secrets.open(row.accessTokenEnc), expiresAt: row.accessTokenExpiresAt.getTime() };
      },
      save: async (t: ZohoTokens): Promise<void> => {
        if (!refreshedWith) return;
        await prisma.zohoConnection.updateMany({
          where: { installationId, refreshTokenEnc: refreshedWith },
          data: { accessTokenEnc: secrets.seal(t.accessToken), accessTokenExpiresAt: new Date(t.expiresAt) },
        });
      },
      refresh: async (): Promise<ZohoTokens> => {
        const row = await readRow(installationId);
        if (!row) throw new ZohoNotConnectedError();
        try {
          return await refreshWith(row);
        } catch (err) {
          if (!(err instanceof ZohoAuthError && err.code === 'revoked')) throw err;
          // Another process may have saved a new connection while we used the old refresh token.
          const again = await readRow(installationId);
          if (!again) throw new ZohoNotConnectedError();
          if (again.refreshTokenEnc === row.refreshTokenEnc) throw err;
          return refreshWith(again);
        }
      },
    };
  }

  function build(installationId: string, row: ZohoConnection): Entry {
    const client = createZohoClient({
      dataCenter: dataCenterOf(row),
      overrides: opts.overrides,
      tokens: createZohoTokenProvider(tokenStore(installationId)),
      budget: opts.budgets.budgetFor(installationId),
      http: opts.http,
    });
    return { version: versionOf(row), client };
  }

  return {
    /** The installation's Zoho client as the connection is stored now; ZohoNotConnectedError when none. */
    async zohoFor(installationId: string): Promise<ZohoApi> {
      const row = await readRow(installationId);
      if (!row) {
        entries.delete(installationId);
        throw new ZohoNotConnectedError();
      }
      const known = entries.get(installationId);
      if (known?.version === versionOf(row)) return known.client;
      const entry = build(installationId, row);
      entries.set(installationId, entry);
      return entry.client;
    },
  };
}
