/**
 * Secrets at rest (Zoho client secret and tokens, Jira system tokens): AES-256-GCM envelopes
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (iv, tag, ciphertext base64url). Keys come from env
 * SECRETS_KEY = "keyId:base64-of-32-bytes", comma-separated for rotation: the first key seals,
 * every listed key opens. The key id is bound into the ciphertext as associated data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  /** Encrypts `plain` with the current (first) key. */
  seal(plain: string): string;
  /** Decrypts an envelope sealed with any configured key; throws on tampering or unknown key. */
  open(envelope: string): string;
  /** Id of the key that seals. */
  keyId: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function parseKeys(raw: string | undefined): Map<string, Buffer> {
  if (!raw || !raw.trim()) {
    throw new Error('SECRETS_KEY is not set: expected "keyId:base64-32-bytes" (comma-separated for rotation)');
  }
  const keys = new Map<string, Buffer>();
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) {
      throw new Error('SECRETS_KEY is invalid: each entry must be "keyId:base64-32-bytes" with keyId of [A-Za-z0-9_-]');
    }
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new Error(`SECRETS_KEY is invalid: key "${id}" does not decode to 32 bytes`);
    if (keys.has(id)) throw new Error(`SECRETS_KEY is invalid: key id "${id}" appears twice`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('SECRETS_KEY is invalid: no key found');
  return keys;
}

function decodePart(part: string, name: string): Buffer {
  if (!BASE64URL.test(part)) throw new Error(`Secret envelope is malformed: bad ${name}`);
  return Buffer.from(part, 'base64url');
}

export function createSecretBox(env: NodeJS.ProcessEnv = process.env): SecretBox {
  const keys = parseKeys(env.SECRETS_KEY);
  const [keyId, key] = keys.entries().next().value as [string, Buffer];

  return {
    keyId,
    seal(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        iv.toString('base64url'),
        tag.toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.');
    },
    open(envelope: string): string {
      const parts = typeof envelope === 'string' ? envelope.split('.') : [];
      if (parts.length !== 5 || parts[0] !== VERSION)
        throw new Error('Secret envelope is malformed: expected v1.<keyId>.<iv>.<tag>.<ciphertext>');
      const [, id, ivPart, tagPart, dataPart] = parts;
      const openKey = keys.get(id);
      if (!openKey) throw new Error(`Secret envelope was sealed with key "${id}", which SECRETS_KEY does not contain`);
      const iv = decodePart(ivPart, 'iv');
      const tag = decodePart(tagPart, 'tag');
      const ciphertext = decodePart(dataPart, 'ciphertext');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
        throw new Error('Secret envelope is malformed: bad iv or tag length');
      const decipher = createDecipheriv('aes-256-gcm', openKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}.${id}`));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(
          'Secret envelope failed authentication (tampered, or sealed with a different key of the same id)',
        );
      }
    },
  };
}
