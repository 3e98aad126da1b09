/**
 * `npm run cluster`: the production shape on one machine — a real temporal-server on PostgreSQL
 * (SQL visibility, schema by temporal-sql-tool, Web UI), our PostgreSQL, two workers and two API
 * servers behind a load balancer, and the simulators with demo data. First run builds Temporal's
 * binaries with Go into ~/.cache/zoho-jira-connector (minutes); later runs start in seconds.
 * Ctrl-C stops everything. Data and logs: .data/cluster (CLUSTER_DATA_DIR).
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { startCluster, type Cluster } from './cluster/topology';

const env = z
  .object({
    CLUSTER_DATA_DIR: z.string().default(join(resolve(__dirname, '..'), '.data', 'cluster')),
    CLUSTER_PORT: z.coerce.number().int().default(3100),
    CLUSTER_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
    CLUSTER_SERVERS: z.coerce.number().int().min(1).max(8).default(2),
  })
  .parse(process.env);

let cluster: Cluster | undefined;
const t0 = Date.now();

async function main() {
  cluster = await startCluster({
    dataDir: env.CLUSTER_DATA_DIR,
    port: env.CLUSTER_PORT,
    workers: env.CLUSTER_WORKERS,
    servers: env.CLUSTER_SERVERS,
    log: (m) => console.log(`[cluster +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`),
  });
  console.log('\nThe cluster is up:');
  console.log(
    `  Load balancer → ${cluster.servers.length} API servers   ${cluster.url}  (dev console: ${cluster.url}/dev-console)`,
  );
  console.log(
    `  Workers                               ${cluster.workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`,
  );
  console.log(
    `  Prometheus /metrics                   servers :${cluster.servers.map((_, i) => 9471 + i).join(', :')}  workers :${cluster.workers.map((_, i) => 9481 + i).join(', :')}  (SDK :${cluster.workers.map((_, i) => 9491 + i).join(', :')})`,
  );
  console.log(`  temporal-server (PostgreSQL)          ${cluster.temporalAddress}`);
  console.log(`  Temporal Web UI                       ${cluster.uiUrl ?? '(not built: see the log above)'}`);
  console.log(`  PostgreSQL                            ${cluster.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  console.log(`  Jira / Zoho simulators                ${cluster.jira.url}  ${cluster.zoho.url}`);
  console.log(`  Logs                                  ${join(env.CLUSTER_DATA_DIR, 'logs')}`);
  console.log(`Started in ${((Date.now() - t0) / 1000).toFixed(1)} s. Ctrl-C stops everything.\n`);
}

async function shutdown(code: number) {
  await cluster?.stop().catch(() => undefined);
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
main().catch(async (err) => {
  console.error(
    `npm run cluster failed: ${(err instanceof Error ? err.message : String(err)).split('\n').join(' | ')}`,
  );
  await shutdown(1);
});
