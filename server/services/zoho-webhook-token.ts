/**
 * The per-item Zoho webhook token: issued by the admin route (routes/admin/zoho-webhook.ts), checked
 * by the webhook route (routes/zoho-webhooks.ts). The database keeps only its SHA-256 digest.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const DIGEST_PREFIX = 'sha256:';
const digest = (s: string) => createHash('sha256').update(s).digest();
/** What the database keeps of a token: its SHA-256 digest, never the token. */
export const storedWebhookToken = (token: string): string => DIGEST_PREFIX + digest(token).toString('hex');
/** Constant-time: equal-length digests, so neither length nor content leaks through timing. */
export function tokenMatches(given: string | undefined, stored: string | null): boolean {
  if (!given || !stored?.startsWith(DIGEST_PREFIX)) return false;
  const want = Buffer.from(stored.slice(DIGEST_PREFIX.length), 'hex');
  return want.length === 32 && timingSafeEqual(digest(given), want);
}

/** A new token: 24 random bytes, base64url (32 characters). */
export const newWebhookToken = (): string => randomBytes(24).toString('base64url');
