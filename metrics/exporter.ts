/**
 * Serves GET /metrics (Prometheus text format) on its own port, apart from the API: scrapes stay
 * on the operator's network and never pass Forge Remote. Server and worker each run one
 * (METRICS_PORT, METRICS_HOST). `collect` hooks refresh gauges that are read from shared state.
 */
import { createServer, type Server } from 'node:http';
import { metricsRegistry } from './registry';

export interface MetricsExporter {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsExporter(opts: {
  port: number;
  host?: string;
  /** Run before each scrape (errors are logged into the scrape as a comment, never fatal). */
  collect?: () => Promise<void>;
}): Promise<MetricsExporter> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at /metrics\n');
      return;
    }
    void (async () => {
      let note = '';
      try {
        await opts.collect?.();
      } catch (err) {
        note = `# collect failed: ${(err instanceof Error ? err.message : String(err)).replace(/\n/g, ' ')}\n`;
      }
      const body = await metricsRegistry.metrics();
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(note + body);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', resolve);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
