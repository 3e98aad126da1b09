/**
 * Admin: the user mapping table and the searches that fill it (Zoho GET /users of the portal,
 * Jira GET /user/search). Every row is scoped by the caller's installation.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  jiraUserSearchQuerySchema,
  jiraUserSearchSchema,
  saveUserMappingBodySchema,
  userMappingListQuerySchema,
  userMappingListSchema,
  userMappingParamsSchema,
  userMappingSchema,
  zohoUserSearchQuerySchema,
  zohoUserSearchSchema,
} from '../../contract/user-mappings';
import { AppError, notFound } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import {
  deleteUserMapping,
  listUserMappings,
  saveUserMapping,
  type UserMappingRow,
} from '../../../store/user-mappings';

const auth = { auth: 'admin' as const };
const tags = ['admin: user mapping'];

const view = (r: UserMappingRow) => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export const adminUserMappingRoutes: FastifyPluginAsyncZod = async (app) => {
  const zohoUsers = (installationId: string, portalId: string) =>
    app.metadata.get(installationId, `zoho:users:${portalId}`, async () =>
      (await app.zoho.apiFor(installationId)).listUsers(portalId),
    );

  app.get(
    '/user-mappings',
    {
      config: auth,
      schema: { tags, querystring: userMappingListQuerySchema, response: { 200: userMappingListSchema } },
    },
    async (request) => {
      const rows = await listUserMappings(app.prisma, invocationOf(request).installationId, request.query.portalId);
      return { mappings: rows.map(view) };
    },
  );

  app.put(
    '/user-mappings',
    { config: auth, schema: { tags, body: saveUserMappingBodySchema, response: { 200: userMappingSchema } } },
    async (request) => {
      const { installationId } = invocationOf(request);
      const body = request.body;
      const zoho = (await zohoUsers(installationId, body.zohoPortalId)).find((u) => u.id === body.zohoUserId);
      if (!zoho)
        throw new AppError('validation_failed', 'That Zoho user is not a user of the portal.', [
          { field: 'zohoUserId', code: 'not_found', message: 'Choose a Zoho user of this portal.' },
        ]);
      const [jira] = await (await app.jiraFor(installationId)).getUsers([body.jiraAccountId]);
      if (!jira)
        throw new AppError('validation_failed', 'Jira knows no user with that accountId.', [
          { field: 'jiraAccountId', code: 'not_found', message: 'Choose a Jira user found by the search.' },
        ]);
      const row = await saveUserMapping(app.prisma, installationId, {
        zohoPortalId: body.zohoPortalId,
        zohoUserId: zoho.id,
        zohoName: zoho.name,
        zohoEmail: zoho.email ?? null,
        jiraAccountId: jira.accountId,
        jiraDisplayName: jira.displayName,
      });
      request.log.info({ installationId, zohoUserId: zoho.id }, 'user mapping saved');
      return view(row);
    },
  );

  app.delete(
    '/user-mappings/:id',
    {
      config: auth,
      schema: { tags, params: userMappingParamsSchema, response: { 200: z.object({ deleted: z.literal(true) }) } },
    },
    async (request) => {
      const deleted = await deleteUserMapping(app.prisma, invocationOf(request).installationId, request.params.id);
      if (!deleted) throw notFound('The user mapping');
      return { deleted: true as const };
    },
  );

  app.get(
    '/user-mappings/zoho-users',
    { config: auth, schema: { tags, querystring: zohoUserSearchQuerySchema, response: { 200: zohoUserSearchSchema } } },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { portalId, q } = request.query;
      const text = q.toLowerCase();
      const [users, mappings] = await Promise.all([
        zohoUsers(installationId, portalId),
        listUserMappings(app.prisma, installationId, portalId),
      ]);
      const pairs = new Map(mappings.map((m) => [m.zohoUserId, m.jiraAccountId]));
      return {
        users: users
          .filter((u) => !text || u.name.toLowerCase().includes(text) || (u.email ?? '').toLowerCase().includes(text))
          .slice(0, 50)
          .map((u) => ({ zpuid: u.id, name: u.name, email: u.email ?? null, mappedTo: pairs.get(u.id) ?? null })),
      };
    },
  );

  app.get(
    '/user-mappings/jira-users',
    { config: auth, schema: { tags, querystring: jiraUserSearchQuerySchema, response: { 200: jiraUserSearchSchema } } },
    async (request) => {
      const found = await (await app.jiraFor(invocationOf(request).installationId)).searchUsers(request.query.q, 20);
      return {
        users: found.map((u) => ({
          accountId: u.accountId,
          displayName: u.displayName,
          emailAddress: u.emailAddress ?? null,
        })),
      };
    },
  );
};
