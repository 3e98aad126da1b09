/**
 * The HTTP contract between the web front (admin page, issue panel) and the server, as zod schemas.
 * Routes validate with these; the web apps import the inferred types; the OpenAPI document is
 * generated from them. Every error is `{ error: { code, message, fields? } }`.
 */
import { z } from 'zod';

export const fieldErrorSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const sciParams = z.object({ sciId: z.string().uuid() });

/** Stable error codes (the catalogue lives in server/errors.ts). */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'auto_managed_link',
  'already_linked',
  'search_too_short',
  'zoho_not_connected',
  'zoho_auth_failed',
  'zoho_unavailable',
  'jira_unavailable',
  'rate_limited',
  'payload_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
