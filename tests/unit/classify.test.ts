import { classify } from '../../integrations/http/classify';
import { apiErrorText } from '../../integrations/http/error-text';

const NOW = Date.parse('2026-03-02T10:00:00Z');

describe('classify: one retry decision for every outbound call', () => {
  it.each([
    ['200 is ok', 200, {}, undefined, { retry: false, kind: 'ok' }],
    ['204 is ok', 204, {}, undefined, { retry: false, kind: 'ok' }],
    [
      'Jira 429 with Retry-After seconds waits that long',
      429,
      { 'Retry-After': '7' },
      undefined,
      { retry: true, kind: 'rate_limited', waitMs: 7000 },
    ],
    [
      '429 with Retry-After as HTTP date waits until then',
      429,
      { 'retry-after': 'Mon, 02 Mar 2026 10:00:30 GMT' },
      undefined,
      { retry: true, kind: 'rate_limited', waitMs: 30_000 },
    ],
    [
      'Jira 429 with X-RateLimit-Reset ISO time',
      429,
      { 'X-RateLimit-Reset': '2026-03-02T10:01:00Z' },
      undefined,
      { retry: true, kind: 'rate_limited', waitMs: 60_000 },
    ],
    [
      '429 with X-RateLimit-Reset epoch seconds',
      429,
      { 'x-ratelimit-reset': String(NOW / 1000 + 12) },
      undefined,
      { retry: true, kind: 'rate_limited', waitMs: 12_000 },
    ],
    [
      'Zoho 429 with RateLimit-Remaining 0 waits a window',
      429,
      { 'RateLimit-Remaining': '0', 'RateLimit-Window': '120', 'RateLimit-Window-Unit': 'seconds' },
      undefined,
      { retry: true, kind: 'rate_limited', waitMs: 120_000 },
    ],
    [
      '429 without headers retries with Temporal backoff',
      429,
      {},
      undefined,
      { retry: true, kind: 'rate_limited', waitMs: undefined },
    ],
    [
      'Zoho HTTP 400 URL_ROLLING_THROTTLES_LIMIT_EXCEEDED is a rate limit (10-minute block)',
      400,
      {},
      { error: { title: 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED', details: [] } },
      { retry: true, kind: 'rate_limited', waitMs: 600_000 },
    ],
    [
      'Zoho throttle with Retry-After uses the header',
      400,
      { 'Retry-After': '90' },
      { error: { title: 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED' } },
      { retry: true, kind: 'rate_limited', waitMs: 90_000 },
    ],
    [
      '503 with Retry-After is a server wait',
      503,
      { 'Retry-After': '3' },
      undefined,
      { retry: true, kind: 'server', waitMs: 3000 },
    ],
    [
      '500 retries',
      500,
      {},
      { error: { title: 'INTERNAL_SERVER_ERROR' } },
      { retry: true, kind: 'server', waitMs: undefined },
    ],
    ['502 retries', 502, {}, 'Bad gateway', { retry: true, kind: 'server' }],
    ['408 retries', 408, {}, undefined, { retry: true, kind: 'server' }],
    [
      '401 is auth: caller refreshes once',
      401,
      {},
      { error: { title: 'INVALID_OAUTHTOKEN' } },
      { retry: false, kind: 'auth' },
    ],
    [
      'Zoho HTTP 400 INVALID_OAUTHTOKEN (as documented) is auth: caller refreshes once',
      400,
      {},
      { error: { status_code: '400', title: 'INVALID_OAUTHTOKEN' } },
      { retry: false, kind: 'auth' },
    ],
    [
      'Zoho HTTP 400 URL_RULE_NOT_CONFIGURED is a wrong URL: gives up',
      400,
      {},
      { error: { status_code: '400', title: 'URL_RULE_NOT_CONFIGURED' } },
      { retry: false, kind: 'client' },
    ],
    [
      '400 Jira validation gives up',
      400,
      {},
      { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
      { retry: false, kind: 'client' },
    ],
    [
      '404 gives up',
      404,
      {},
      { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
      { retry: false, kind: 'client' },
    ],
    ['403 gives up', 403, {}, undefined, { retry: false, kind: 'client' }],
  ] as const)('%s', (_name, status, headers, body, expected) => {
    const c = classify(status, headers as Record<string, string>, body, NOW);
    expect(c.retry).toBe(expected.retry);
    expect(c.kind).toBe(expected.kind);
    if ('waitMs' in expected) expect(c.waitMs).toBe(expected.waitMs);
    expect(c.reason).toContain(`HTTP ${status}`);
  });

  it('network resets are retryable', () => {
    expect(classify('network', {}, 'ECONNRESET socket hang up')).toEqual({
      retry: true,
      kind: 'network',
      reason: 'network error: ECONNRESET socket hang up',
    });
  });

  it('the reason carries the API error text: Jira errorMessages/errors', () => {
    const c = classify(400, {}, { errorMessages: ['Field x bad'], errors: { summary: 'required' } }, NOW);
    expect(c.reason).toBe('HTTP 400: Field x bad; summary: required');
  });

  it('the reason carries the API error text: Zoho error.title/details', () => {
    const c = classify(
      400,
      {},
      {
        error: {
          status_code: '400',
          title: 'EXTRA_KEY_FOUND_IN_JSON',
          details: [{ message: 'Extra key foo found in JSON.', field_name: 'foo' }],
        },
      },
      NOW,
    );
    expect(c.reason).toBe('HTTP 400: EXTRA_KEY_FOUND_IN_JSON; foo: Extra key foo found in JSON.');
  });

  it('never puts tokens in the reason', () => {
    const text = apiErrorText(
      'bad header Authorization: Zoho-oauthtoken 1000.abcdef0123456789abcd.0123456789abcdef0123 and Bearer eyJhbGciOi.eyJzdWIi.sig',
    );
    expect(text).not.toContain('1000.abcdef');
    expect(text).not.toContain('eyJhbGciOi');
  });

  it('caps absurd waits at one hour', () => {
    expect(classify(429, { 'Retry-After': '999999' }, undefined, NOW).waitMs).toBe(3_600_000);
  });
});
