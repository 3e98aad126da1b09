/**
 * The error catalogue: one stable code per failure kind (server/contract/common.ts), one HTTP status
 * per code, and one handler that renders every error as `{ error: { code, message, fields? } }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpFailure } from '../integrations/http/failures';
import { ZohoAuthError } from '../integrations/zoho/oauth';
import type { ErrorBody, ErrorCode, FieldError } from './contract/common';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  search_too_short: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  auto_managed_link: 409,
  already_linked: 409,
  zoho_not_connected: 409,
  zoho_auth_failed: 400,
  zoho_unavailable: 502,
  jira_unavailable: 502,
  rate_limited: 429,
  payload_too_large: 413,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const zohoNotConnected = () =>
  new AppError(
    'zoho_not_connected',
    'Zoho Projects is not connected yet. An admin can connect it on the connector admin page.',
  );

/**
 * Outbound failures (typed by integrations/http) as API errors: the message is already readable and
 * token-free; the code tells the UI which side is at fault.
 */
export function fromOutboundFailure(err: unknown): AppError | undefined {
  if (err instanceof ZohoAuthError) {
    return new AppError(err.code === 'network' ? 'zoho_unavailable' : 'zoho_auth_failed', err.message);
  }
  if (err instanceof HttpFailure) {
    if (err.kind === 'rate_limited') {
      return new AppError(
        'rate_limited',
        `${err.service === 'jira' ? 'Jira' : 'Zoho Projects'} asks us to slow down. Try again in a minute.`,
      );
    }
    if (err.service === 'jira') return new AppError('jira_unavailable', `Jira could not answer: ${err.message}`);
    if (err.kind === 'auth')
      return new AppError(
        'zoho_auth_failed',
        `Zoho Projects refused the saved connection: ${err.message}. Reconnect Zoho Projects in the admin page.`,
      );
    return new AppError('zoho_unavailable', `Zoho Projects could not answer: ${err.message}`);
  }
  return undefined;
}

export function errorBody(code: ErrorCode, message: string, fields?: FieldError[]): ErrorBody {
  return { error: fields && fields.length > 0 ? { code, message, fields } : { code, message } };
}

function fieldErrorsFromValidation(
  err: { validation: Array<{ instancePath: string; message?: string; keyword: string }> },
  context?: string,
): FieldError[] {
  return err.validation.map((v) => ({
    field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || context || 'request',
    code: v.keyword,
    message: v.message ?? 'is invalid',
  }));
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    const err = fromOutboundFailure(raw) ?? raw;
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, err.message);
      return reply.code(err.status).send(errorBody(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = fieldErrorsFromValidation(err, (err as FastifyError).validationContext);
      // The panel's search length rule has its own code so the UI can show the friendly message.
      if (request.routeOptions.url?.endsWith('/search') && fields.some((f) => f.field === 'q')) {
        return reply.code(400).send(errorBody('search_too_short', fields.find((f) => f.field === 'q')!.message));
      }
      const context = (err as FastifyError).validationContext ?? 'request';
      return reply
        .code(400)
        .send(
          errorBody(
            'bad_request',
            `The ${context} is invalid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
            fields,
          ),
        );
    }
    if (isResponseSerializationError(err as never) && (err as { cause?: unknown }).cause) {
      request.log.error({ err }, 'response did not match its schema');
      return reply.code(500).send(errorBody('internal', 'The server produced an invalid response.'));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('payload_too_large', 'The request body is too large.'));
    if (status === 429)
      return reply.code(429).send(errorBody('rate_limited', 'Too many requests. Wait a minute and try again.'));
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody('bad_request', (err as Error).message || 'Bad request.'));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'Something went wrong on the connector server.'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}
