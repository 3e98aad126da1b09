/**
 * A local FIT signing key for development and tests. The dev console signs FITs with it, and the
 * server trusts it only when DEV_CONSOLE=true (or a test passes devKeySet() explicitly).
 * The key pair lives for the process, unless DEV_FIT_KEY_FILE names a file: then every process of
 * a local stack (npm run dev's simulators, the cluster's servers, chaos tests) signs and verifies
 * with the one key pair kept there (created on first use, mode 600).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { FIT_ISSUER } from '../plugins/fit-verifier';

export const DEV_APP_ID = 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000de00';
export const DEV_KEY_ID = 'zjc-dev-key-1';

interface DevKeys {
  privateKey: KeyLike;
  jwk: JWK;
}
let keysPromise: Promise<DevKeys> | undefined;

function devKeys(): Promise<DevKeys> {
  keysPromise ??= (async () => {
    const file = process.env.DEV_FIT_KEY_FILE;
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; jwk: JWK };
      return { privateKey: (await importJWK(saved.privateJwk, 'RS256')) as KeyLike, jwk: saved.jwk };
    }
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: DEV_KEY_ID, alg: 'RS256', use: 'sig' };
    if (file) writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(privateKey), jwk }), { mode: 0o600 });
    return { privateKey, jwk };
  })();
  return keysPromise;
}

/** The public key set served at /dev/jwks.json. */
export async function devJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await devKeys()).jwk] };
}

/** A jose key resolver over the dev public key (what buildApp uses when DEV_CONSOLE=true). */
export function devKeySet(): JWTVerifyGetKey {
  let resolver: JWTVerifyGetKey | undefined;
  return async (header, token) => {
    resolver ??= createLocalJWKSet(await devJwks());
    return resolver(header, token);
  };
}

export interface DevFitClaims {
  installationId: string;
  apiBaseUrl: string;
  appId?: string;
  moduleKey?: string;
  /** e.g. 'jira:adminPage', 'jira:issuePanel', 'core:trigger'. */
  moduleType?: string;
  cloudId?: string;
  siteUrl?: string;
  principal?: string;
  issue?: { id: string; key: string; type?: string; typeId?: string };
  project?: { id: string; key: string; type?: string };
  /** Lifetime in seconds (Forge uses about 25 s). */
  ttlSeconds?: number;
  /** Overrides for negative tests. Seconds since epoch where times. */
  iss?: string;
  aud?: string;
  iat?: number;
  nbf?: number;
  exp?: number;
  kid?: string;
}

/** Sign a FIT shaped like Forge's (platform-facts.md §A) with the dev key. */
export async function signDevFit(claims: DevFitClaims): Promise<string> {
  const { privateKey } = await devKeys();
  const now = Math.floor(Date.now() / 1000);
  const iat = claims.iat ?? now;
  const appId = claims.appId ?? DEV_APP_ID;
  const isUi = Boolean(claims.issue || claims.project || claims.principal || claims.moduleType?.startsWith('jira:'));
  const payload: Record<string, unknown> = {
    app: {
      id: appId,
      installationId: claims.installationId,
      apiBaseUrl: claims.apiBaseUrl,
      appVersion: '1.0.0',
      environment: { type: 'DEVELOPMENT', id: 'dev' },
      module: { type: claims.moduleType ?? 'jira:adminPage', key: claims.moduleKey ?? 'zoho-connector-admin' },
    },
  };
  if (isUi || claims.cloudId || claims.siteUrl) {
    payload.context = {
      cloudId: claims.cloudId,
      moduleKey: claims.moduleKey ?? 'zoho-connector-admin',
      siteUrl: claims.siteUrl,
      localId: randomUUID(),
      extension: { issue: claims.issue, project: claims.project },
    };
  }
  if (claims.principal) payload.principal = claims.principal;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: claims.kid ?? DEV_KEY_ID, typ: 'JWT' })
    .setIssuer(claims.iss ?? FIT_ISSUER)
    .setAudience(claims.aud ?? appId)
    .setIssuedAt(iat)
    .setNotBefore(claims.nbf ?? iat)
    .setExpirationTime(claims.exp ?? iat + (claims.ttlSeconds ?? 25))
    .setJti(randomUUID())
    .sign(privateKey);
}
