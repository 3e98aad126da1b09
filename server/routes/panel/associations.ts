/**
 * Panel: "Associated Zoho Projects Records" of a linked record, read-only, in groups by relation:
 * comments, followers, attachments, and the task ↔ issue associations (a task's linked issues, an
 * issue's linked tasks). Which groups a module offers comes from the core capability table.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpFailure } from '../../../activities/http/failures';
import type { ZohoApi, ZohoSource } from '../../../activities/zoho/types';
import { ZOHO_MODULE_CAPABILITIES, type AssociationGroup as CoreAssociation } from '../../../workflows/core/capabilities';
import type { ZohoRecord } from '../../../workflows/core/model';
import { sciParams } from '../../contract/common';
import { associationsSchema, type AssociationGroup } from '../../contract/panel';
import type { ServerContext } from '../../context';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { createPanelLoader, issueOf } from '../../services/panel-loader';
import { sourceOfRow } from '../../services/panel-view';

const auth = { auth: 'panel' as const };
const tags = ['issue panel'];

type Group = (zoho: ZohoApi, src: ZohoSource, recordId: string) => Promise<AssociationGroup>;

/** The association endpoints are UNCONFIRMED: a client error there shows no group instead of failing the panel. */
async function associatedOrNone(zoho: ZohoApi, src: ZohoSource, recordId: string): Promise<ZohoRecord[]> {
  try {
    return await zoho.listAssociatedRecords(src, recordId);
  } catch (err) {
    if (err instanceof HttpFailure && err.kind === 'client') return [];
    throw err;
  }
}

const linkedRecords = (relation: 'tasks' | 'issues', label: string): Group => async (zoho, src, recordId) => {
  const records = await associatedOrNone(zoho, src, recordId);
  return {
    relation, label,
    records: records.map((r) => {
      const project = r.fields.project as { id?: unknown } | undefined;
      const at: ZohoSource = { ...src, module: r.module, projectId: typeof project?.id === 'string' ? project.id : src.projectId };
      let url: string | null = null;
      try {
        url = zoho.recordUrl(at, r);
      } catch {
        url = null;
      }
      return { id: r.id, title: [r.key, r.name].filter(Boolean).join(' ') || `Zoho record ${r.id}`, subtitle: r.status?.name ?? null, url };
    }),
  };
};

/** One loader per core association kind, in display order. */
export const GROUP_LOADERS: Partial<Record<CoreAssociation, Group>> = {
  comments: async (zoho, src, id) => ({
    relation: 'comments', label: 'Comments',
    records: (await zoho.listComments(src, id)).map((c) => ({
      id: c.id, title: c.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty comment)',
      subtitle: [c.authorName, c.createdAt].filter(Boolean).join(' · ') || null, url: null,
    })),
  }),
  followers: async (zoho, src, id) => ({
    relation: 'followers', label: 'Followers',
    records: (await zoho.listFollowers(src, id)).map((u) => ({ id: u.id, title: u.name, subtitle: u.email ?? null, url: null })),
  }),
  attachments: async (zoho, src, id) => ({
    relation: 'attachments', label: 'Attachments',
    records: (await zoho.listAttachments(src, id)).map((a) => ({
      id: a.id, title: a.name, subtitle: a.size !== undefined ? `${Math.ceil(a.size / 1024)} KB` : null, url: null,
    })),
  }),
  linked_issues: linkedRecords('issues', 'Associated issues'),
  linked_tasks: linkedRecords('tasks', 'Associated tasks'),
};

/** The non-empty groups for a linked record of `src.module`. */
export async function associationGroups(zoho: ZohoApi, src: ZohoSource, recordId: string): Promise<AssociationGroup[]> {
  const kinds = ZOHO_MODULE_CAPABILITIES[src.module].associations;
  const groups = await Promise.all(kinds.map((k) => GROUP_LOADERS[k]?.(zoho, src, recordId)));
  return groups.filter((g): g is AssociationGroup => !!g && g.records.length > 0);
}

export const panelAssociationRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  const loader = createPanelLoader(ctx);

  app.get('/api/panel/items/:sciId/associations', {
    config: auth, schema: { tags, params: sciParams, response: { 200: associationsSchema } },
  }, async (request) => {
    const inv = invocationOf(request);
    const sci = await loader.sciForIssue(inv, request.params.sciId);
    if (!sci.showAssociations) throw new AppError('conflict', 'Associated records are not enabled for this Smart Connected Item.');
    const link = await loader.linkOf(inv.installationId, sci.id, issueOf(inv).issueId);
    if (!link) return { groups: [] };
    const zoho = await ctx.zoho.apiFor(inv.installationId);
    return { groups: await associationGroups(zoho, sourceOfRow(sci), link.zohoRecordId) };
  });
};
