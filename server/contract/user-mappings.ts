/**
 * Admin: the user mapping table (README "User mapping"): Zoho users paired with Jira accounts per
 * portal, for people whose email Jira hides, with search on both sides for the admin page.
 */
import { z } from 'zod';
import { zohoId } from '../../workflows/core/model';

export const USER_MAPPING_ROUTES = {
  list: 'GET /api/admin/user-mappings',
  save: 'PUT /api/admin/user-mappings',
  remove: 'DELETE /api/admin/user-mappings/:id',
  zohoUsers: 'GET /api/admin/user-mappings/zoho-users',
  jiraUsers: 'GET /api/admin/user-mappings/jira-users',
} as const;

/** Jira accountIds: opaque, at most 128 characters (Atlassian). */
export const jiraAccountId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\w:-]+$/, 'must be a Jira accountId');

export const userMappingSchema = z.object({
  id: z.string(),
  zohoPortalId: z.string(),
  zohoUserId: z.string(),
  zohoName: z.string().nullable(),
  zohoEmail: z.string().nullable(),
  jiraAccountId: z.string(),
  jiraDisplayName: z.string().nullable(),
  updatedAt: z.string(),
});
export type UserMapping = z.infer<typeof userMappingSchema>;

export const userMappingListQuerySchema = z.object({ portalId: zohoId });
export const userMappingListSchema = z.object({ mappings: z.array(userMappingSchema) });

export const saveUserMappingBodySchema = z.object({
  zohoPortalId: zohoId,
  zohoUserId: zohoId,
  jiraAccountId,
});
export type SaveUserMappingBody = z.infer<typeof saveUserMappingBodySchema>;

export const userMappingParamsSchema = z.object({ id: z.string().uuid() });

export const zohoUserSearchQuerySchema = z.object({
  portalId: zohoId,
  q: z.string().trim().max(100).default(''),
});
export const zohoUserFoundSchema = z.object({
  zpuid: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** The Jira account the table pairs this user with; null when unpaired. */
  mappedTo: z.string().nullable(),
});
export const zohoUserSearchSchema = z.object({ users: z.array(zohoUserFoundSchema) });
export type ZohoUserFound = z.infer<typeof zohoUserFoundSchema>;

export const jiraUserSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });
export const jiraUserFoundSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  /** Null when the user's profile hides it (most Jira Cloud users). */
  emailAddress: z.string().nullable(),
});
export const jiraUserSearchSchema = z.object({ users: z.array(jiraUserFoundSchema) });
export type JiraUserFound = z.infer<typeof jiraUserFoundSchema>;
