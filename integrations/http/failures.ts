/**
 * Typed failures of the outbound HTTP layer. They ARE Temporal ApplicationFailures, so an activity
 * can let them propagate: `nextRetryDelay` carries the server's wait, `nonRetryable` stops retries for
 * client errors, and the message (HTTP status + the API's own error text, never a token) is what the
 * Temporal Web UI shows. Server routes can catch them by class and read `status`/`kind`.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Classification, FailureKind } from './types';
import { redactSecrets } from './error-text';

export type Service = 'zoho' | 'jira' | 'zoho-accounts';

/** Stable failure type names: usable in RetryPolicy.nonRetryableErrorTypes and in UI mapping. */
export const FAILURE_TYPES = {
  rateLimited: 'RateLimited',
  server: 'ServerError',
  network: 'NetworkError',
  auth: 'AuthFailed',
  client: 'ClientError',
  zohoAuth: 'ZohoAuthError',
  jiraTokenMissing: 'JiraTokenMissing',
  budgetExhausted: 'ZohoBudgetExhausted',
} as const;

const TYPE_BY_KIND: Record<Exclude<FailureKind, 'ok'>, string> = {
  rate_limited: FAILURE_TYPES.rateLimited,
  server: FAILURE_TYPES.server,
  network: FAILURE_TYPES.network,
  auth: FAILURE_TYPES.auth,
  client: FAILURE_TYPES.client,
};

export class HttpFailure extends ApplicationFailure {
  constructor(
    readonly service: Service,
    readonly status: number | 'network',
    readonly kind: Exclude<FailureKind, 'ok'>,
    message: string,
    retry: boolean,
    readonly waitMs?: number,
    /** The API's parsed error body (for callers that look at e.g. Zoho's error.title). */
    readonly apiBody?: unknown,
  ) {
    super(redactSecrets(message), TYPE_BY_KIND[kind], !retry, undefined, undefined, waitMs);
  }

  /** Zoho V3 `error.title`, OAuth `error`, when present. */
  get apiCode(): string | undefined {
    const b = this.apiBody as { error?: unknown } | undefined;
    if (!b || typeof b !== 'object') return undefined;
    if (typeof b.error === 'string') return b.error;
    const t = (b.error as { title?: unknown } | undefined)?.title;
    return typeof t === 'string' ? t : undefined;
  }
}

/** Builds the failure for a classified response. `what` names the call, e.g. "GET /rest/api/3/issue/10001". */
export function httpFailure(
  service: Service,
  status: number | 'network',
  c: Classification,
  what: string,
  apiBody?: unknown,
): HttpFailure {
  const label = service === 'jira' ? 'Jira' : service === 'zoho' ? 'Zoho Projects' : 'Zoho Accounts';
  const kind = c.kind === 'ok' ? 'client' : c.kind;
  return new HttpFailure(service, status, kind, `${label} ${what} failed: ${c.reason}`, c.retry, c.waitMs, apiBody);
}

/** A retryable failure that asks Temporal to try again after `waitMs`. */
export function retryLater(type: string, message: string, waitMs?: number): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message: redactSecrets(message),
    nonRetryable: false,
    ...(waitMs !== undefined ? { nextRetryDelay: Math.max(1, Math.round(waitMs)) } : {}),
  });
}

export function isHttpFailure(err: unknown): err is HttpFailure {
  return err instanceof HttpFailure;
}
