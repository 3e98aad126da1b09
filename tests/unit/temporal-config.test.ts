import { loadTemporalConnection, temporalRunUrl } from '../../temporal.config';

describe('temporal.config: one zod-validated place for the Temporal connection', () => {
  it('defaults to the local dev server', () => {
    const cfg = loadTemporalConnection({});
    expect(cfg).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', tls: false });
  });

  it('an API key (Temporal Cloud) implies TLS', () => {
    const cfg = loadTemporalConnection({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' });
    expect(cfg.tls).toBe(true);
    expect(cfg.apiKey).toBe('k');
  });

  it.each([
    [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS'],
    [{ TEMPORAL_WEB_URL: 'not a url' }, 'TEMPORAL_WEB_URL'],
    [{ TEMPORAL_NAMESPACE: '' }, 'TEMPORAL_NAMESPACE'],
    [{ TEMPORAL_TLS_CERT_PATH: '/c.pem' }, 'TEMPORAL_TLS_CERT_PATH'],
  ])('a bad setting %j is refused with a message naming %s', (env, variable) => {
    expect(() => loadTemporalConnection(env as NodeJS.ProcessEnv)).toThrow(variable);
  });

  it('builds Web UI links to a run', () => {
    expect(temporalRunUrl({ webUrl: 'http://127.0.0.1:8233', namespace: 'default' }, 'sci:abc', 'r1')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows/sci%3Aabc/r1/history',
    );
  });
});
