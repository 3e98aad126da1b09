/**
 * The one client registry (clients/registry.ts) on the real PostgreSQL and the Zoho simulator: a
 * worker-side registry follows the stored Zoho connection that the server's connection service
 * writes, and server and worker share the access token stored (encrypted) on the connection row.
 */
import { randomUUID } from 'node:crypto';
import { createClientRegistry, ZohoNotConnectedError, type ClientRegistry } from '../../clients/registry';
import { createProcessZohoBudgets, type ZohoBudgets } from '../../clients/zoho-budgets';
import { createZohoConnections } from '../../server/services/zoho-connections';
import { createPrisma, type PrismaClient } from '../../store/prisma';
import { createSecretBox } from '../../store/secrets';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startZohoSim, type ZohoSim } from '../../sim/zoho';

let zoho: ZohoSim;
let prisma: PrismaClient;
const secrets = createSecretBox(process.env);
const opened: ClientRegistry[] = [];
let overrides: { ZOHO_ACCOUNTS_URL: string; ZOHO_API_URL: string; ZOHO_WEB_URL: string };

beforeAll(async () => {
  zoho = await startZohoSim();
  prisma = createPrisma(process.env.DATABASE_URL!);
  overrides = { ZOHO_ACCOUNTS_URL: zoho.url, ZOHO_API_URL: zoho.url, ZOHO_WEB_URL: 'https://projects.zoho.eu' };
});
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
  await prisma?.$disconnect();
  await zoho?.close();
});

/** One process's registry (server and worker each build their own). */
function registry(zohoBudgets?: ZohoBudgets): ClientRegistry {
  const r = createClientRegistry({ prisma, secrets, zohoOverrides: overrides, zohoBudgets });
  opened.push(r);
  return r;
}

/** A fresh installation and the server's connection service, with the server process's registry. */
async function serverSide() {
  const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
  await prisma.installation.create({ data: { id: installationId, apiBaseUrl: 'https://api.atlassian.com/ex/jira/x' } });
  const server = registry();
  const connections = createZohoConnections({
    prisma,
    secrets,
    clients: server,
    overrides,
    clock: () => new Date(),
  });
  const connect = () =>
    connections.save(installationId, {
      dataCenter: 'us',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      code: zoho.control.generateCode({ clientId: DEMO_CLIENT_ID }),
    });
  return { installationId, server, connections, connect };
}

describe('client registry: follows the stored Zoho connection', () => {
  it('regression: after revoke and reconnect with a new code, the same worker registry calls Zoho with the new refresh token (no restart)', async () => {
    const { installationId, connections, connect } = await serverSide();
    await connect();
    const worker = registry();
    expect((await (await worker.zohoFor(installationId)).listPortals()).length).toBeGreaterThan(0);
    const first = await prisma.zohoConnection.findUniqueOrThrow({ where: { installationId } });

    await connections.revoke(installationId);
    await expect(worker.zohoFor(installationId)).rejects.toBeInstanceOf(ZohoNotConnectedError);
    await connect();

    const portals = await (await worker.zohoFor(installationId)).listPortals();
    expect(portals.length).toBeGreaterThan(0);
    const second = await prisma.zohoConnection.findUniqueOrThrow({ where: { installationId } });
    expect(secrets.open(second.refreshTokenEnc)).not.toBe(secrets.open(first.refreshTokenEnc));
  });

  it('a reconnect without revoke (the old refresh token is given back to Zoho) takes effect in the worker at once', async () => {
    const { installationId, connect } = await serverSide();
    await connect();
    const worker = registry();
    await (await worker.zohoFor(installationId)).listPortals();
    await connect();
    // The old grant and its access tokens are gone at Zoho; the worker must not use them.
    expect((await (await worker.zohoFor(installationId)).listPortals()).length).toBeGreaterThan(0);
  });

  it('a client taken before a reconnect refreshes from the connection stored now once its old access token is refused', async () => {
    const { installationId, connect } = await serverSide();
    await connect();
    const worker = registry();
    const taken = await worker.zohoFor(installationId);
    await taken.listPortals();
    await connect(); // another process saves a new connection while this client is in use
    expect((await taken.listPortals()).length).toBeGreaterThan(0);
  });

  it('a revoked connection is a clear "not connected" error in the worker, and 409 zoho_not_connected in the server', async () => {
    const { installationId, connections, connect } = await serverSide();
    await connect();
    await connections.revoke(installationId);
    await expect(registry().zohoFor(installationId)).rejects.toThrow(/Zoho Projects is not connected/);
    await expect(connections.apiFor(installationId)).rejects.toMatchObject({ code: 'zoho_not_connected' });
  });
});

describe('client registry: one token cache for server and worker', () => {
  it('the worker uses the access token the server stored on the connection row instead of refreshing', async () => {
    const { installationId, server, connect } = await serverSide();
    await connect();
    zoho.control.expireAccessTokens();
    const before = zoho.control.oauthCounts().accessTokens;

    await (await server.zohoFor(installationId)).listPortals(); // the server refreshes once and stores it
    const minted = zoho.control.oauthCounts().accessTokens;
    expect(minted).toBe(before + 1);
    const row = await prisma.zohoConnection.findUniqueOrThrow({ where: { installationId } });
    expect(row.accessTokenEnc).toBeTruthy();

    const worker = registry();
    await (await worker.zohoFor(installationId)).listPortals();
    await (await worker.zohoFor(installationId)).listPortals();
    expect(zoho.control.oauthCounts().accessTokens).toBe(minted);
  });

  it('one client and one call budget per connection per process: repeated zohoFor returns the same client', async () => {
    const { installationId, connect } = await serverSide();
    await connect();
    const worker = registry();
    expect(await worker.zohoFor(installationId)).toBe(await worker.zohoFor(installationId));
  });

  it('a reconnect keeps the call budget of the connection (Zoho limits the user, not the token)', async () => {
    const { installationId, connect } = await serverSide();
    await connect();
    const budgets = createProcessZohoBudgets(80);
    const asked: string[] = [];
    const worker = registry({
      budgetFor: (key) => {
        asked.push(key);
        return budgets.budgetFor(key);
      },
    });
    await (await worker.zohoFor(installationId)).listPortals();
    const used = budgets.budgetFor(installationId).stats().used;
    expect(used).toBeGreaterThanOrEqual(1);
    await connect();
    await (await worker.zohoFor(installationId)).listPortals();
    expect(asked).toEqual([installationId, installationId]);
    expect(budgets.budgetFor(installationId).stats().used).toBeGreaterThan(used);
  });
});
