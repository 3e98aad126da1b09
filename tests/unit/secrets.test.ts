import { createSecretBox } from '../../store/secrets';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const K1 = `k1:${key(1)}`;
const K2 = `k2:${key(2)}`;

/** Replaces one base64url character of part `index` of an envelope with another valid one. */
function flip(envelope: string, index: number): string {
  const parts = envelope.split('.');
  const part = parts[index];
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

describe('secrets at rest: AES-256-GCM envelopes keyed by SECRETS_KEY', () => {
  it.each([
    ['an empty string', ''],
    ['a Zoho refresh token', '1000.3f1c2b9e8d7a6f5e4d3c2b1a09f8e7d6.5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d'],
    ['a Jira system token (long JWT)', 'eyJhbGciOiJSUzI1NiJ9.' + 'x'.repeat(4000) + '.sig'],
    ['non-ASCII text', 'clé secrète ✓ 日本語'],
  ])('round trip: %s opens to exactly what was sealed', (_name, plain) => {
    const box = createSecretBox({ SECRETS_KEY: K1 });
    const envelope = box.seal(plain);
    expect(envelope).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
    expect(envelope).not.toContain(plain || '\u0000');
    expect(box.open(envelope)).toBe(plain);
    expect(box.keyId).toBe('k1');
  });

  it('sealing the same text twice gives different envelopes (fresh IV each time)', () => {
    const box = createSecretBox({ SECRETS_KEY: K1 });
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it.each([
    ['the iv', 2],
    ['the tag', 3],
    ['the ciphertext', 4],
  ])('tampering with %s is detected', (_name, index) => {
    const box = createSecretBox({ SECRETS_KEY: K1 });
    const envelope = box.seal('a secret long enough to flip');
    expect(() => box.open(flip(envelope, index))).toThrow(/authentication|malformed/);
  });

  it.each([
    ['a relabelled key id', (e: string) => e.replace('v1.k1.', 'v1.k2.'), /authentication/],
    ['a wrong version', (e: string) => e.replace(/^v1\./, 'v2.'), /malformed/],
    ['a missing part', (e: string) => e.split('.').slice(0, 4).join('.'), /malformed/],
    ['non-base64url characters', (e: string) => e.replace(/\.([^.]+)$/, '.%%%'), /malformed/],
  ])('an envelope with %s is refused', (_name, mangle, message) => {
    const box = createSecretBox({ SECRETS_KEY: `${K1},${K2}` });
    expect(() => box.open(mangle(box.seal('secret')))).toThrow(message);
  });

  it('key rotation: the first key seals, every listed key still opens', () => {
    const before = createSecretBox({ SECRETS_KEY: K1 });
    const old = before.seal('sealed under k1');
    const rotated = createSecretBox({ SECRETS_KEY: `${K2},${K1}` });
    expect(rotated.keyId).toBe('k2');
    expect(rotated.open(old)).toBe('sealed under k1');
    const fresh = rotated.seal('sealed under k2');
    expect(fresh.startsWith('v1.k2.')).toBe(true);
    expect(() => before.open(fresh)).toThrow(/k2/);
  });

  it('a different key under the same id cannot open the envelope', () => {
    const sealed = createSecretBox({ SECRETS_KEY: K1 }).seal('secret');
    const impostor = createSecretBox({ SECRETS_KEY: `k1:${key(9)}` });
    expect(() => impostor.open(sealed)).toThrow(/authentication/);
  });

  it.each([
    ['missing', {}],
    ['empty', { SECRETS_KEY: '' }],
    ['without a key id', { SECRETS_KEY: key(1) }],
    ['a 16-byte key', { SECRETS_KEY: `k1:${Buffer.alloc(16, 1).toString('base64')}` }],
    ['a duplicated key id', { SECRETS_KEY: `${K1},k1:${key(2)}` }],
    ['a key id with a dot', { SECRETS_KEY: `k.1:${key(1)}` }],
  ])('a %s SECRETS_KEY is refused with a message naming SECRETS_KEY', (_name, env) => {
    expect(() => createSecretBox(env as NodeJS.ProcessEnv)).toThrow(/SECRETS_KEY/);
  });

  it('error messages never contain the secret or the key', () => {
    const box = createSecretBox({ SECRETS_KEY: K1 });
    const envelope = box.seal('top-secret-value');
    try {
      box.open(flip(envelope, 4));
      throw new Error('expected a failure');
    } catch (error) {
      expect(String(error)).not.toContain('top-secret-value');
      expect(String(error)).not.toContain(key(1));
    }
  });
});
