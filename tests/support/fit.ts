/**
 * Forge Invocation Tokens for tests, signed with the local development key (server/dev/dev-keys.ts)
 * exactly as Forge shapes them. `forgedFit` builds the broken ones for the rejection table.
 */
import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { DEV_APP_ID, signDevFit, type DevFitClaims } from '../../server/dev/dev-keys';

export const ADMIN_MODULE_KEY = 'zoho-connector-admin';
export const PANEL_MODULE_KEY = 'zoho-connector-panel';
export { DEV_APP_ID, signDevFit };

export function newInstallationId(): string {
  return `ari:cloud:ecosystem::installation/${randomUUID()}`;
}

export interface FitTarget {
  installationId: string;
  apiBaseUrl: string;
  siteUrl?: string;
  cloudId?: string;
}

export function adminFit(t: FitTarget, extra: Partial<DevFitClaims> = {}): Promise<string> {
  return signDevFit({
    ...t,
    moduleType: 'jira:adminPage',
    moduleKey: ADMIN_MODULE_KEY,
    principal: '5b10a2844c20165700ede21g',
    ...extra,
  });
}

export function panelFit(
  t: FitTarget,
  issue: { id: string; key: string; typeId?: string },
  project?: { id: string; key: string },
  extra: Partial<DevFitClaims> = {},
): Promise<string> {
  return signDevFit({
    ...t,
    moduleType: 'jira:issuePanel',
    moduleKey: PANEL_MODULE_KEY,
    principal: '5b10a2844c20165700ede21g',
    issue,
    ...(project ? { project } : {}),
    ...extra,
  });
}

/** A FIT like the ones Forge sends with product events, lifecycle events and scheduled triggers. */
export function eventFit(t: FitTarget, moduleKey = 'zoho-connector-issue-events'): Promise<string> {
  return signDevFit({
    installationId: t.installationId,
    apiBaseUrl: t.apiBaseUrl,
    moduleType: 'core:trigger',
    moduleKey,
  });
}

export type ForgeryKind =
  'bad_signature' | 'alg_none' | 'unknown_kid' | 'wrong_aud' | 'wrong_iss' | 'expired' | 'not_yet_valid' | 'garbage';

/** A token that must be rejected, for the given reason. */
export async function forgedFit(kind: ForgeryKind, t: FitTarget): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const base: DevFitClaims = { ...t, moduleType: 'jira:adminPage', moduleKey: ADMIN_MODULE_KEY };
  switch (kind) {
    case 'bad_signature': {
      // Same header and claims, signed by a stranger's key with our kid.
      const { privateKey } = await generateKeyPair('RS256');
      const valid = await signDevFit(base);
      const payload = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString('utf8'));
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'zjc-dev-key-1' }).sign(privateKey);
    }
    case 'alg_none': {
      const valid = await signDevFit(base);
      const payload = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString('utf8'));
      return new UnsecuredJWT(payload).encode();
    }
    case 'unknown_kid': {
      const { privateKey } = await generateKeyPair('RS256');
      const valid = await signDevFit(base);
      const payload = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString('utf8'));
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'someone-else' }).sign(privateKey);
    }
    case 'wrong_aud':
      return signDevFit({ ...base, aud: 'ari:cloud:ecosystem::app/11111111-1111-4111-8111-111111111111' });
    case 'wrong_iss':
      return signDevFit({ ...base, iss: 'forge/not-the-invocation-token' });
    case 'expired':
      return signDevFit({ ...base, iat: now - 120, nbf: now - 120, exp: now - 60 });
    case 'not_yet_valid':
      return signDevFit({ ...base, iat: now, nbf: now + 120, exp: now + 180 });
    case 'garbage':
      return 'not.a.jwt';
  }
}
