/** Stops what globalSetup started and fails the run if the Jira simulator saw a request the spec rejects. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stopTemporalDevServer } from '../../scripts/infra/temporal-server.mjs';

export default async function globalTeardown() {
  const infra = globalThis.__ZJC__;
  if (infra) {
    await stopTemporalDevServer(infra.temporalPid);
    await infra.pg.stop();
    rmSync(infra.work, { recursive: true, force: true });
  }
  const dir = process.env.ZJC_OPENAPI_VIOLATIONS_DIR;
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  // Tests that send bad requests on purpose mark them `expected`; anything else fails the run.
  const unexpected = files.flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))).filter((v) => !v.expected);
  if (unexpected.length > 0) {
    const lines = unexpected
      .slice(0, 10)
      .map((v) => `  ${v.method} ${v.path}: ${v.errors?.[0]?.message ?? JSON.stringify(v.errors)}`);
    throw new Error(
      `The Jira simulator recorded ${unexpected.length} request(s) that violate the Jira OpenAPI spec:\n${lines.join('\n')}`,
    );
  }
}
