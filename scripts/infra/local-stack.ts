/** Small pieces every local stack (npm run dev, npm run cluster) needs. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** SECRETS_KEY for a local stack: made once in `dataDir` (mode 600) and reused. */
export function localSecretsKey(dataDir: string, keyId: string): string {
  const file = join(dataDir, 'secrets-key');
  if (!existsSync(file)) writeFileSync(file, `${keyId}:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Resolves once `url` answers 2xx; throws naming the URL after `timeoutMs`. */
export async function waitHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
