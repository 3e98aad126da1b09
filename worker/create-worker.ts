/**
 * The Temporal worker without the process concerns (env, signals, Prisma): the workflow bundle
 * options and `createWorker(deps)`, shared by the process entry, tests and benchmarks.
 */
import { type BundleOptions, type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUE } from '../temporal.config';
import { createActivities, type ActivityDeps } from '../activities/index';

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
