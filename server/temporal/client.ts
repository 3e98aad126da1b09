/** The server's Temporal client, from the zod-parsed connection settings of temporal.config.ts. */
import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import type { TemporalConnectionConfig } from '../../temporal.config';

export async function connectTemporalClient(
  cfg: TemporalConnectionConfig,
): Promise<{ client: Client; close(): Promise<void> }> {
  const tls =
    typeof cfg.tls === 'object'
      ? { clientCertPair: { crt: await readFile(cfg.tls.clientCertPath), key: await readFile(cfg.tls.clientKeyPath) } }
      : cfg.tls;
  const connection = await Connection.connect({ address: cfg.address, tls, apiKey: cfg.apiKey });
  return { client: new Client({ connection, namespace: cfg.namespace }), close: () => connection.close() };
}
