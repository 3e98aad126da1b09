/**
 * The load balancer in front of the API servers (what a reverse proxy does in production): round
 * robin over the upstreams, and a request whose upstream refuses the connection (the server is down,
 * nothing was sent) goes to the next one. A request already sent to a server that then dies gets a
 * 502, as from a real proxy: the caller retries (Forge redelivers events). Requests are buffered
 * (bodies are small JSON); the upstream's status, headers and body are passed back unchanged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request } from 'undici';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startBalancer(upstreams: string[], port: number): Promise<Balancer> {
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    const start = next++;
    let lastError: unknown;
    for (let i = 0; i < upstreams.length; i++) {
      const upstream = upstreams[(start + i) % upstreams.length];
      try {
        const answer = await request(upstream + req.url, {
          method: req.method as 'GET',
          headers,
          body: body.length ? body : undefined,
          headersTimeout: 30_000,
          bodyTimeout: 30_000,
        });
        const payload = Buffer.from(await answer.body.arrayBuffer());
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) {
          if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        }
        res.writeHead(answer.statusCode, out).end(payload);
        return;
      } catch (err) {
        lastError = err;
        // Only a refused connection is safe to send elsewhere: the server never saw the request.
        if ((err as { code?: string }).code !== 'ECONNREFUSED') break;
      }
    }
    res.writeHead(502, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        error: 'bad_gateway',
        message: `No API server answered: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address();
  const shown = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://127.0.0.1:${shown}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
