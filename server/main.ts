/**
 * Server process entry: parse the configuration once (a bad setting stops here, naming the
 * variable), connect PostgreSQL and Temporal, listen, and shut down gracefully on SIGTERM/SIGINT.
 */
import { startMetricsExporter } from '../metrics/exporter';
import { serverMetricsCollector } from '../metrics/server-gauges';
import { createSecretBox } from '../store/secrets';
import { ConfigError, loadServerConfig, type ServerConfig } from './config';
import { createLogger } from './logger';
import { buildProductionApp } from './production';

function configOrExit(): ServerConfig {
  try {
    const config = loadServerConfig();
    createSecretBox(process.env); // validates SECRETS_KEY's format now, not at the first request
    return config;
  } catch (err) {
    const message = err instanceof ConfigError ? err.message : `Invalid setting SECRETS_KEY: ${(err as Error).message}`;
    process.stderr.write(`zjc-server: ${message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, undefined, config.logPretty);
  if (config.devConsole)
    logger.warn(
      'DEV_CONSOLE=true: FITs signed by the local development key are accepted. Never use this in production.',
    );
  const app = await buildProductionApp(config, logger);
  const metrics = config.metrics
    ? await startMetricsExporter({ ...config.metrics, collect: serverMetricsCollector(app.prisma) })
    : undefined;
  if (metrics) logger.info({ url: metrics.url }, 'Prometheus metrics served');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await metrics?.close();
      await app.close(); // closes Temporal, PostgreSQL and the outbound pools too (plugins' onClose)
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  process.stderr.write(`zjc-server failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
