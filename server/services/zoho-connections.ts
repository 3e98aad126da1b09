/**
 * The Zoho Self Client connection of an installation: save (exchange the code, store the secret and
 * refresh token encrypted), read a summary (never a secret), revoke, and hand out a ZohoApi.
 */
import type { PrismaClient, ZohoConnection } from '../../store/prisma';
import { exchangeCode, fetchZohoUser, revokeRefreshToken } from '../../integrations/zoho/oauth';
import { ZOHO_DATA_CENTERS, isDataCenterId, type ZohoHostOverrides } from '../../integrations/zoho/data-centers';
import type { ZohoApi } from '../../integrations/zoho/types';
import { ZohoNotConnectedError, type ClientRegistry } from '../../clients/registry';
import type { ConnectionSummary, SaveConnectionBody } from '../contract/admin';
import type { SecretBox } from '../deps';
import { zohoNotConnected } from '../errors';

export interface ZohoConnectionDeps {
  prisma: PrismaClient;
  secrets: SecretBox;
  /** The process's client registry: it notices a saved or revoked connection on the next apiFor. */
  clients: Pick<ClientRegistry, 'zohoFor'>;
  overrides: ZohoHostOverrides;
  clock: () => Date;
}

export function summaryOf(row: ZohoConnection | null): ConnectionSummary {
  if (!row || !isDataCenterId(row.dataCenter)) return { connected: false };
  return {
    connected: true,
    dataCenter: row.dataCenter,
    dataCenterName: ZOHO_DATA_CENTERS[row.dataCenter].name,
    clientId: row.clientId,
    zohoUserName: row.zohoUserName,
    zohoUserEmail: row.zohoUserEmail,
    connectedAt: row.connectedAt.toISOString(),
  };
}

export function createZohoConnections(deps: ZohoConnectionDeps) {
  const { prisma, secrets } = deps;
  const now = () => deps.clock().getTime();

  async function get(installationId: string): Promise<ZohoConnection | null> {
    return prisma.zohoConnection.findUnique({ where: { installationId } });
  }

  /** Exchanges the code first: nothing is stored unless Zoho accepted every input. */
  async function save(installationId: string, body: SaveConnectionBody): Promise<ConnectionSummary> {
    const tokens = await exchangeCode(body, { overrides: deps.overrides, now });
    const user = await fetchZohoUser(
      { dataCenter: body.dataCenter, accessToken: tokens.accessToken },
      { overrides: deps.overrides },
    );
    const previous = await get(installationId);
    const data = {
      dataCenter: body.dataCenter,
      clientId: body.clientId,
      clientSecretEnc: secrets.seal(body.clientSecret),
      refreshTokenEnc: secrets.seal(tokens.refreshToken),
      accessTokenEnc: secrets.seal(tokens.accessToken),
      accessTokenExpiresAt: new Date(tokens.expiresAt),
      zohoUserName: user?.name ?? null,
      zohoUserEmail: user?.email ?? null,
      connectedAt: deps.clock(),
    };
    const row = await prisma.zohoConnection.upsert({
      where: { installationId },
      create: { installationId, ...data },
      update: data,
    });
    if (previous && isDataCenterId(previous.dataCenter)) {
      // Replaced connection: its refresh token is no longer used, so give it back to Zoho.
      await revokeRefreshToken(
        { dataCenter: previous.dataCenter, refreshToken: secrets.open(previous.refreshTokenEnc) },
        { overrides: deps.overrides },
      ).catch(() => false);
    }
    return summaryOf(row);
  }

  /** Revokes the refresh token at Zoho (best effort) and deletes every stored secret. */
  async function revoke(installationId: string): Promise<{ revokedAtZoho: boolean }> {
    const row = await get(installationId);
    if (!row) return { revokedAtZoho: false };
    let revokedAtZoho = false;
    if (isDataCenterId(row.dataCenter)) {
      revokedAtZoho = await revokeRefreshToken(
        { dataCenter: row.dataCenter, refreshToken: secrets.open(row.refreshTokenEnc) },
        { overrides: deps.overrides },
      ).catch(() => false);
    }
    await prisma.zohoConnection.deleteMany({ where: { installationId } });
    return { revokedAtZoho };
  }

  /** A Zoho client for the installation, or 409 zoho_not_connected. */
  async function apiFor(installationId: string): Promise<ZohoApi> {
    try {
      return await deps.clients.zohoFor(installationId);
    } catch (err) {
      if (err instanceof ZohoNotConnectedError) throw zohoNotConnected();
      throw err;
    }
  }

  return { get, save, revoke, apiFor, summary: async (id: string) => summaryOf(await get(id)) };
}
export type ZohoConnections = ReturnType<typeof createZohoConnections>;
