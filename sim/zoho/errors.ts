import type { FastifyReply } from 'fastify';

/**
 * V3 error bodies: {"error":{"status_code":"400","title":"…","error_type":"…","details":[…]}}.
 * Titles are from zoho.md; HTTP codes and error_type for titles zoho.md does not pin are UNCONFIRMED.
 */
export interface V3ErrorDetail {
  message: string;
  field_name?: string;
}

export class V3Error extends Error {
  constructor(
    readonly httpStatus: number,
    readonly title: string,
    readonly errorType: string,
    readonly details: V3ErrorDetail[] = [],
  ) {
    super(title);
  }

  body(): { error: { status_code: string; title: string; error_type: string; details: V3ErrorDetail[] } } {
    return {
      error: {
        status_code: String(this.httpStatus),
        title: this.title,
        error_type: this.errorType,
        details: this.details,
      },
    };
  }
}

export const v3Errors = {
  invalidOauthToken: (status: 400 | 401 = 400) =>
    new V3Error(status, 'INVALID_OAUTHTOKEN', 'AUTHENTICATION_ERROR', [{ message: 'Invalid OAuth access token.' }]),
  invalidTicket: () =>
    new V3Error(401, 'INVALID_TICKET', 'AUTHENTICATION_ERROR', [
      { message: 'Authorization header missing or malformed.' },
    ]),
  invalidOauthScope: (scope: string) =>
    new V3Error(401, 'INVALID_OAUTHSCOPE', 'AUTHENTICATION_ERROR', [
      { message: `The token lacks the scope ${scope}.` },
    ]),
  invalidMethod: (method: string) =>
    new V3Error(405, 'INVALID_METHOD', 'METHOD_ERROR', [{ message: `${method} is not allowed here.` }]),
  /** HTTP 400 per the Error Codes page: the URL itself is wrong. */
  urlRuleNotConfigured: () =>
    new V3Error(400, 'URL_RULE_NOT_CONFIGURED', 'URL_ERROR', [{ message: 'No such API URL.' }]),
  extraKey: (keys: string[]) =>
    new V3Error(
      400,
      'EXTRA_KEY_FOUND_IN_JSON',
      'FIELDS_VALIDATION_ERROR',
      keys.map((k) => ({ message: `Extra key ${k} found in JSON.`, field_name: k })),
    ),
  invalidValue: (field: string, message: string) =>
    new V3Error(400, 'INVALID_PARAMETER_VALUE', 'FIELDS_VALIDATION_ERROR', [{ message, field_name: field }]),
  missing: (field: string) =>
    new V3Error(400, 'LESS_THAN_MIN_OCCURANCE', 'FIELDS_VALIDATION_ERROR', [
      { message: `${field} is required.`, field_name: field },
    ]),
  jsonParse: () =>
    new V3Error(400, 'JSON_PARSE_ERROR', 'FIELDS_VALIDATION_ERROR', [
      { message: 'The JSON body could not be parsed.' },
    ]),
  /** UNCONFIRMED title for a missing record. */
  notFound: (what: string) => new V3Error(404, 'RESOURCE_NOT_FOUND', 'NOT_FOUND', [{ message: `${what} not found.` }]),
  internal: () => new V3Error(500, 'INTERNAL_SERVER_ERROR', 'SERVER_ERROR', [{ message: 'Internal server error.' }]),
  serviceUnavailable: (status: number) =>
    new V3Error(status, 'INTERNAL_SERVER_ERROR', 'SERVER_ERROR', [{ message: 'Service unavailable.' }]),
  throttled: (status: number) =>
    new V3Error(status, 'URL_ROLLING_THROTTLES_LIMIT_EXCEEDED', 'THROTTLE_ERROR', [
      { message: 'Too many requests to this URL; try again later.' },
    ]),
};

export function sendV3Error(reply: FastifyReply, err: V3Error): FastifyReply {
  return reply.code(err.httpStatus).type('application/json;charset=UTF-8').send(err.body());
}
