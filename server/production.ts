/**
 * The server wired for production, shared by the process entry (main.ts) and the event benchmark so
 * both measure and run the same thing: buildApp opens PostgreSQL, Temporal and the client registry
 * from the configuration (plugins/), and `app.close()` closes them.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { AppDeps } from './deps';

export async function buildProductionApp(
  config: ServerConfig,
  logger: NonNullable<AppDeps['logger']>,
  extra: Pick<AppDeps, 'taskQueue'> = {},
): Promise<FastifyInstance> {
  return buildApp({ config, logger, ...extra });
}
