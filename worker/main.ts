/**
 * The worker process: env parsed once with zod, Prisma, per-installation clients, one Temporal
 * worker on TASK_QUEUE with the workflow bundle and `createActivities`, graceful shutdown on
 * SIGINT/SIGTERM (in-flight activities finish; Temporal retries anything cut off).
 * `createWorker(deps)` is the same worker without the process concerns, for tests and benchmarks.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import {
  type BundleOptions,
  bundleWorkflowCode,
  NativeConnection,
  type NativeConnectionOptions,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import { z } from 'zod';
import { loadTemporalConnection, TASK_QUEUE, type TemporalConnectionConfig } from '../temporal.config';
import { createActivities, type ActivityDeps } from '../activities/index';
import { createClientRegistry } from '../clients/registry';
import { createPrisma } from '../store/prisma';
import { createSecretBox } from '../store/secrets';

export interface CreateWorkerDeps {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  activities: ActivityDeps;
  /** A pre-built bundle (tests share one); default: bundle workflows/index.ts. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxCachedWorkflows?: number;
  /** How long in-flight activities may finish on shutdown (default 20 s). */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

export const WORKFLOWS_PATH = require.resolve('../workflows/index');
/**
 * Modules evaluated once per workflow thread instead of once per workflow run. temporal.config
 * (presets the workflows import) pulls zod in, whose module set-up cost ~15 ms of CPU for every
 * child workflow started: the bulk of the workflow thread's time in a 2 000-record intake. It
 * holds constants only (no per-workflow state), which is what preloading requires.
 */
export const WORKFLOW_PRELOAD_MODULES = [require.resolve('../temporal.config')];
/**
 * Source maps without the sources' text: workflow stack traces still point at our TypeScript lines,
 * but the worker no longer holds every bundled module's source a second time (in the bundle's inline
 * map, parsed by the SDK and copied into the workflow thread).
 */
const bundleWebpackConfig: NonNullable<BundleOptions['webpackConfigHook']> = (config) => ({
  ...config,
  devtool: 'inline-nosources-source-map',
});
/** Options for bundleWorkflowCode (a bundle built ahead of time: build step, benchmarks) and for bundling at start. */
export const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  preloadModules: WORKFLOW_PRELOAD_MODULES,
  webpackConfigHook: bundleWebpackConfig,
};

export async function createWorker(deps: CreateWorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace ?? 'default',
    taskQueue: deps.taskQueue ?? TASK_QUEUE,
    ...(deps.workflowBundle
      ? { workflowBundle: deps.workflowBundle }
      : {
          workflowsPath: WORKFLOWS_PATH,
          bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES, webpackConfigHook: bundleWebpackConfig },
        }),
    activities: createActivities(deps.activities),
    maxConcurrentActivityTaskExecutions: deps.maxConcurrentActivityTaskExecutions ?? 50,
    maxConcurrentWorkflowTaskExecutions: deps.maxConcurrentWorkflowTaskExecutions ?? 40,
    shutdownGraceTime: deps.shutdownGraceTime ?? '20s',
    // Cached workflow runs cost memory; a few hundred keep sticky execution effective.
    maxCachedWorkflows: deps.maxCachedWorkflows ?? 250,
    // One workflow thread: each thread is a V8 isolate with its own heap (memory target < 300 MB).
    workflowThreadPoolSize: 1,
  });
}

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  SECRETS_KEY: z.string().min(16),
  ZOHO_ACCOUNTS_URL: z.string().url().optional(),
  ZOHO_API_URL: z.string().url().optional(),
  ZOHO_WEB_URL: z.string().url().optional(),
  JIRA_API_BASE_OVERRIDE: z.string().url().optional(),
  ZOHO_BUDGET_PER_2MIN: z.coerce.number().int().min(1).max(200).default(80),
  ZOHO_SERVER_ORDERING: z.enum(['true', 'false']).default('false'),
  /** How long a retried auto-create searches Jira (eventually consistent) before it may create again. */
  AUTO_CREATE_SEARCH_HORIZON_MS: z.coerce.number().int().min(1_000).default(60_000),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  /** A workflow bundle built ahead (bundleWorkflowCode): skips webpack at start, saves ~200 MB peak RSS. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
});

export type WorkerSettings = z.infer<typeof envSchema>;

/** Parses the worker's settings; a bad one throws "Invalid setting X: …" naming the variable (like the server). */
export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new Error(
      `Invalid setting ${variable}: ${env[variable] === undefined ? 'missing (required)' : issue.message}`,
    );
  }
  return parsed.data;
}

/** TLS for the worker's Temporal connection: mTLS from TEMPORAL_TLS_CERT_PATH / _KEY_PATH, or plain TLS. */
export async function temporalTls(cfg: TemporalConnectionConfig): Promise<NativeConnectionOptions['tls']> {
  if (typeof cfg.tls !== 'object') return cfg.tls;
  const [crt, key] = await Promise.all([readFile(cfg.tls.clientCertPath), readFile(cfg.tls.clientKeyPath)]);
  return { clientCertPair: { crt, key } };
}

async function main(): Promise<void> {
  // Prisma's query compiler is WebAssembly; V8's optimizing tier-up of it costs ~25 MB of peak RSS
  // for no measurable gain here (a few % of the worker's CPU is Wasm). Must run before Prisma loads it.
  setFlagsFromString('--no-wasm-tier-up');
  const env = loadWorkerSettings();
  const temporal = loadTemporalConnection();
  const prisma = createPrisma(env.DATABASE_URL);
  const secrets = createSecretBox();
  const registry = createClientRegistry({
    prisma,
    secrets,
    jiraApiBaseOverride: env.JIRA_API_BASE_OVERRIDE,
    zohoBudgetLimit: env.ZOHO_BUDGET_PER_2MIN,
    zohoOverrides: {
      ZOHO_ACCOUNTS_URL: env.ZOHO_ACCOUNTS_URL,
      ZOHO_API_URL: env.ZOHO_API_URL,
      ZOHO_WEB_URL: env.ZOHO_WEB_URL,
    },
  });
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
  // Worker.run() installs SIGINT/SIGTERM handlers and drains before resolving.
  console.log(`worker polling task queue ${env.TEMPORAL_TASK_QUEUE} on ${temporal.address}`);
  try {
    await worker.run();
  } finally {
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
