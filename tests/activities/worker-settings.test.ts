/** Worker boot settings: a bad value stops the worker naming the variable; mTLS reads the client cert pair. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkerSettings, temporalTls } from '../../worker/settings';
import { loadTemporalConnection } from '../../temporal.config';

const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/zjc', SECRETS_KEY: 'k1:0123456789abcdef0123' };

describe('worker settings', () => {
  it('a missing required setting says "Invalid setting X: missing (required)", like the server', () => {
    expect(() => loadWorkerSettings({ SECRETS_KEY: base.SECRETS_KEY })).toThrow(
      'Invalid setting DATABASE_URL: missing (required)',
    );
  });

  it('an invalid setting names the variable and the rule it breaks', () => {
    expect(() => loadWorkerSettings({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(
      'Invalid setting DATABASE_URL: must be a postgresql:// URL',
    );
    expect(() => loadWorkerSettings({ ...base, ZOHO_BUDGET_PER_2MIN: '500' })).toThrow(
      /^Invalid setting ZOHO_BUDGET_PER_2MIN: /,
    );
  });

  it('defaults: Zoho budget 80 per 2 minutes, 60 s auto-create search horizon', () => {
    const s = loadWorkerSettings(base);
    expect(s.ZOHO_BUDGET_PER_2MIN).toBe(80);
    expect(s.AUTO_CREATE_SEARCH_HORIZON_MS).toBe(60_000);
  });
});

describe('worker Temporal TLS', () => {
  it('TEMPORAL_TLS_CERT_PATH / TEMPORAL_TLS_KEY_PATH give an mTLS client cert pair read from those files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zjc-tls-'));
    try {
      writeFileSync(join(dir, 'client.pem'), 'CERT');
      writeFileSync(join(dir, 'client.key'), 'KEY');
      const cfg = loadTemporalConnection({
        TEMPORAL_TLS_CERT_PATH: join(dir, 'client.pem'),
        TEMPORAL_TLS_KEY_PATH: join(dir, 'client.key'),
      });
      const tls = await temporalTls(cfg);
      expect(typeof tls === 'object' && tls !== null && Buffer.from(tls.clientCertPair!.crt).toString()).toBe('CERT');
      expect(typeof tls === 'object' && tls !== null && Buffer.from(tls.clientCertPair!.key).toString()).toBe('KEY');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a cert pair: plain TLS when TEMPORAL_TLS=true or an API key is set, none otherwise', async () => {
    expect(await temporalTls(loadTemporalConnection({ TEMPORAL_TLS: 'true' }))).toBe(true);
    expect(await temporalTls(loadTemporalConnection({ TEMPORAL_API_KEY: 'key' }))).toBe(true);
    expect(await temporalTls(loadTemporalConnection({}))).toBe(false);
  });
});
