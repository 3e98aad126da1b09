/**
 * Admin: metadata loaders for the item wizard (Zoho portals → projects → modules → fields/statuses;
 * Jira projects → issue types → fields, statuses). Briefly cached per installation.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZOHO_MODULES, zohoId } from '../../../workflows/core/model';
import {
  jiraFieldSchema,
  jiraProjectSchema,
  jiraStatusSchema,
  namedSchema,
  zohoFieldSchema,
  zohoModuleInfoSchema,
  zohoStatusSchema,
} from '../../contract/admin';
import { invocationOf } from '../../plugins/forge-auth';

const auth = { auth: 'admin' as const };
const portalParams = z.object({ portalId: zohoId });
const projectParams = portalParams.extend({ projectId: zohoId });
const moduleParams = projectParams.extend({ module: z.enum(ZOHO_MODULES) });
const jiraProjectParams = z.object({ projectId: z.string().regex(/^\d{1,20}$/) });
const issueTypeParams = jiraProjectParams.extend({ issueTypeId: z.string().regex(/^\d{1,20}$/) });

export const adminMetadataRoutes: FastifyPluginAsyncZod = async (app) => {
  const cached = <T>(installationId: string, key: string, load: () => Promise<T>) =>
    app.metadata.get(installationId, key, load);
  const zohoTags = ['admin: Zoho metadata'];
  const jiraTags = ['admin: Jira metadata'];

  app.get(
    '/zoho/portals',
    {
      config: auth,
      schema: { tags: zohoTags, response: { 200: z.object({ portals: z.array(namedSchema) }) } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const portals = await cached(installationId, 'zoho:portals', async () =>
        (await app.zoho.apiFor(installationId)).listPortals(),
      );
      return { portals: portals.map((p) => ({ id: p.id, name: p.name })) };
    },
  );

  app.get(
    '/zoho/portals/:portalId/projects',
    {
      config: auth,
      schema: { tags: zohoTags, params: portalParams, response: { 200: z.object({ projects: z.array(namedSchema) }) } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { portalId } = request.params;
      const projects = await cached(installationId, `zoho:projects:${portalId}`, async () =>
        (await app.zoho.apiFor(installationId)).listProjects(portalId),
      );
      return { projects: projects.map((p) => ({ id: p.id, name: p.name })) };
    },
  );

  app.get(
    '/zoho/portals/:portalId/projects/:projectId/modules',
    {
      config: auth,
      schema: {
        tags: zohoTags,
        params: projectParams,
        response: { 200: z.object({ modules: z.array(zohoModuleInfoSchema) }) },
      },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      return { modules: (await app.zoho.apiFor(installationId)).listModules() };
    },
  );

  app.get(
    '/zoho/portals/:portalId/projects/:projectId/modules/:module/fields',
    {
      config: auth,
      schema: {
        tags: zohoTags,
        params: moduleParams,
        response: { 200: z.object({ fields: z.array(zohoFieldSchema) }) },
      },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { portalId, projectId, module } = request.params;
      const fields = await cached(installationId, `zoho:fields:${portalId}:${projectId}:${module}`, async () =>
        (await app.zoho.apiFor(installationId)).listFields(portalId, projectId, module),
      );
      return { fields };
    },
  );

  app.get(
    '/zoho/portals/:portalId/projects/:projectId/modules/:module/statuses',
    {
      config: auth,
      schema: {
        tags: zohoTags,
        params: moduleParams,
        response: { 200: z.object({ statuses: z.array(zohoStatusSchema) }) },
      },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { portalId, projectId, module } = request.params;
      const statuses = await cached(installationId, `zoho:statuses:${portalId}:${projectId}:${module}`, async () =>
        (await app.zoho.apiFor(installationId)).listStatuses(portalId, projectId, module),
      );
      return { statuses };
    },
  );

  app.get(
    '/jira/projects',
    {
      config: auth,
      schema: { tags: jiraTags, response: { 200: z.object({ projects: z.array(jiraProjectSchema) }) } },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const projects = await cached(installationId, 'jira:projects', async () =>
        (await app.jiraFor(installationId)).listProjects(),
      );
      return { projects: projects.map((p) => ({ id: p.id, key: p.key, name: p.name })) };
    },
  );

  app.get(
    '/jira/projects/:projectId/issue-types',
    {
      config: auth,
      schema: {
        tags: jiraTags,
        params: jiraProjectParams,
        response: { 200: z.object({ issueTypes: z.array(namedSchema) }) },
      },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { projectId } = request.params;
      const types = await cached(installationId, `jira:issuetypes:${projectId}`, async () =>
        (await app.jiraFor(installationId)).listIssueTypes(projectId),
      );
      return { issueTypes: types.filter((t) => !t.subtask).map((t) => ({ id: t.id, name: t.name })) };
    },
  );

  app.get(
    '/jira/projects/:projectId/issue-types/:issueTypeId/fields',
    {
      config: auth,
      schema: {
        tags: jiraTags,
        params: issueTypeParams,
        response: { 200: z.object({ fields: z.array(jiraFieldSchema) }) },
      },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { projectId, issueTypeId } = request.params;
      const fields = await cached(installationId, `jira:fields:${projectId}:${issueTypeId}`, async () =>
        (await app.jiraFor(installationId)).listFields(projectId, issueTypeId),
      );
      return { fields: fields.map((f) => ({ ...f, required: f.required ?? false })) };
    },
  );

  app.get(
    '/jira/projects/:projectId/statuses',
    {
      config: auth,
      schema: {
        tags: jiraTags,
        params: jiraProjectParams,
        response: { 200: z.object({ statuses: z.array(jiraStatusSchema) }) },
      },
    },
    async (request) => {
      const { installationId } = invocationOf(request);
      const { projectId } = request.params;
      const statuses = await cached(installationId, `jira:statuses:${projectId}`, async () =>
        (await app.jiraFor(installationId)).listStatuses(projectId),
      );
      return { statuses };
    },
  );
};
