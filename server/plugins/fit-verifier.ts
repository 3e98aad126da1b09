/**
 * Forge Invocation Token (FIT) verification as a pure function over a key set: RS256 only,
 * issuer `forge/invocation-token`, audience = our app ARI, exp/nbf with a little clock skew.
 * Any failure is a FitError (rendered as 401 by the auth hook). See platform-facts.md §A.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export const FIT_ISSUER = 'forge/invocation-token';
export const FIT_CLOCK_TOLERANCE_SECONDS = 5;

export class FitError extends Error {
  constructor(readonly reason: string) {
    super(`Forge invocation token rejected: ${reason}`);
    this.name = 'FitError';
  }
}

const idKey = z.object({ id: z.string(), key: z.string() }).partial().passthrough();

const fitClaimsSchema = z
  .object({
    app: z
      .object({
        id: z.string().optional(),
        installationId: z.string().min(1),
        apiBaseUrl: z.string().url(),
        appVersion: z.string().optional(),
        environment: z.object({ type: z.string().optional(), id: z.string().optional() }).passthrough().optional(),
        module: z.object({ type: z.string().optional(), key: z.string().optional() }).passthrough().optional(),
      })
      .passthrough(),
    context: z
      .object({
        cloudId: z.string().optional(),
        moduleKey: z.string().optional(),
        siteUrl: z.string().optional(),
        localId: z.string().optional(),
        extension: z.object({ issue: idKey.optional(), project: idKey.optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    principal: z.string().optional(),
  })
  .passthrough();

/** What the rest of the server knows about a verified call from Forge. */
export interface ForgeInvocation {
  installationId: string;
  appId: string;
  apiBaseUrl: string;
  appVersion: string | null;
  cloudId: string | null;
  siteUrl: string | null;
  moduleKey: string | null;
  moduleType: string | null;
  /** Jira accountId of the user for UI calls; null for events and triggers. */
  principal: string | null;
  /** The issue of an issue-panel call; `typeId` when Jira sends it (else read the issue). */
  issue: { id: string; key: string; typeId?: string } | null;
  project: { id: string; key: string } | null;
}

export interface FitVerifierOptions {
  /** The accepted audience (our app ARI). */
  appId: string;
  /** A key set (local for dev/tests) or the JWKS URL (fetched and cached once per verifier). */
  keys: JWTVerifyGetKey | string;
  clockToleranceSeconds?: number;
  /** Injected clock for tests; seconds since epoch. */
  now?: () => number;
}

export type FitVerifier = (token: string) => Promise<ForgeInvocation>;

const pair = (v: { id?: string; key?: string } | undefined): { id: string; key: string } | null =>
  v && v.id ? { id: String(v.id), key: String(v.key ?? '') } : null;

function issueOf(v: ({ id?: string; key?: string } & Record<string, unknown>) | undefined): ForgeInvocation['issue'] {
  const base = pair(v);
  if (!base || !v) return null;
  const typeId = v.typeId ?? (typeof v.type === 'object' && v.type ? (v.type as { id?: unknown }).id : undefined);
  return typeId !== undefined && typeId !== null ? { ...base, typeId: String(typeId) } : base;
}

export function toInvocation(payload: JWTPayload): ForgeInvocation {
  const parsed = fitClaimsSchema.safeParse(payload);
  if (!parsed.success) throw new FitError(`claims are incomplete (${parsed.error.issues[0].path.join('.')})`);
  const c = parsed.data;
  const moduleKey = c.context?.moduleKey ?? c.app.module?.key ?? null;
  return {
    installationId: c.app.installationId,
    appId: c.app.id ?? String(payload.aud),
    apiBaseUrl: c.app.apiBaseUrl.replace(/\/+$/, ''),
    appVersion: c.app.appVersion ?? null,
    cloudId: c.context?.cloudId ?? null,
    siteUrl: c.context?.siteUrl ?? null,
    moduleKey,
    moduleType: c.app.module?.type ?? null,
    principal: c.principal ?? null,
    issue: issueOf(c.context?.extension?.issue),
    project: pair(c.context?.extension?.project),
  };
}

export function createFitVerifier(opts: FitVerifierOptions): FitVerifier {
  // Created once: jose caches the remote key set and refetches only on an unknown kid (with cooldown).
  const keys =
    typeof opts.keys === 'string'
      ? createRemoteJWKSet(new URL(opts.keys), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
      : opts.keys;
  const tolerance = opts.clockToleranceSeconds ?? FIT_CLOCK_TOLERANCE_SECONDS;
  return async (token) => {
    if (!token) throw new FitError('missing bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: FIT_ISSUER,
        audience: opts.appId,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'iat'],
        currentDate: opts.now ? new Date(opts.now() * 1000) : undefined,
      }));
    } catch (err) {
      throw new FitError((err as { code?: string }).code ?? (err as Error).message);
    }
    return toInvocation(payload);
  };
}

export function bearerToken(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1] : '';
}
