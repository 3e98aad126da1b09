/**
 * The worker process: settings (settings.ts), Prisma, the client registry, one Temporal worker on
 * TASK_QUEUE (create-worker.ts), graceful shutdown on SIGINT/SIGTERM (in-flight activities finish;
 * Temporal retries anything cut off). `--build-bundle <file>` writes the workflow bundle instead.
 */
import { writeFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { bundleWorkflowCode, NativeConnection, Runtime } from '@temporalio/worker';
import { startMetricsExporter } from '../metrics/exporter';
import { loadTemporalConnection } from '../temporal.config';
import { createClientRegistry } from '../clients/registry';
import { createPrisma } from '../store/prisma';
import { createSecretBox } from '../store/secrets';
import { createWorker, WORKFLOW_BUNDLE_OPTIONS } from './create-worker';
import { loadWorkerSettings, temporalTls, workerClientRegistryOptions } from './settings';

async function main(): Promise<void> {
  // Prisma's query compiler is WebAssembly; V8's optimizing tier-up of it costs ~25 MB of peak RSS
  // for no measurable gain here (a few % of the worker's CPU is Wasm). Must run before Prisma loads it.
  setFlagsFromString('--no-wasm-tier-up');
  const env = loadWorkerSettings();
  if (env.TEMPORAL_METRICS_PORT) {
    // The SDK's metrics (task latencies, slots, polls): must be installed before any connection.
    Runtime.install({
      telemetryOptions: {
        metrics: { prometheus: { bindAddress: `${env.METRICS_HOST}:${env.TEMPORAL_METRICS_PORT}` } },
      },
    });
  }
  const temporal = loadTemporalConnection();
  const prisma = createPrisma(env.DATABASE_URL);
  const secrets = createSecretBox();
  const registry = createClientRegistry(workerClientRegistryOptions(env, prisma, secrets));
  const connection = await NativeConnection.connect({
    address: temporal.address,
    tls: await temporalTls(temporal),
    ...(temporal.apiKey ? { apiKey: temporal.apiKey } : {}),
  });
  const worker = await createWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
    activities: {
      prisma,
      secrets,
      zohoFor: registry.zohoFor,
      jiraFor: registry.jiraFor,
      config: {
        zohoServerOrdering: env.ZOHO_SERVER_ORDERING === 'true',
        createConsistencyHorizonMs: env.AUTO_CREATE_SEARCH_HORIZON_MS,
      },
    },
  });
  const metrics = env.METRICS_PORT
    ? await startMetricsExporter({ port: env.METRICS_PORT, host: env.METRICS_HOST })
    : undefined;
  if (metrics) console.log(`worker metrics at ${metrics.url}`);
  // Worker.run() installs SIGINT/SIGTERM handlers and drains before resolving.
  console.log(`worker polling task queue ${env.TEMPORAL_TASK_QUEUE} on ${temporal.address}`);
  try {
    await worker.run();
  } finally {
    await metrics?.close();
    await registry.close();
    await prisma.$disconnect();
    await connection.close();
  }
}

/**
 * `node dist/worker/main.js --build-bundle <file>`: writes the workflow bundle and exits (a
 * build step; the worker then starts with WORKFLOW_BUNDLE_PATH=<file> and skips webpack, whose
 * run at start-up is the worker's largest memory peak).
 */
async function buildBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS);
  await writeFile(file, code);
  console.log(`workflow bundle written to ${file} (${Math.round(code.length / 1024)} KiB)`);
}

if (require.main === module) {
  const at = process.argv.indexOf('--build-bundle');
  (at >= 0 ? buildBundle(process.argv[at + 1] ?? 'workflow-bundle.js') : main()).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
