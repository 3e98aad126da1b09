/**
 * Panel: "Associated Zoho Projects Records" of a linked record, read-only, in groups by relation:
 * comments, followers, attachments, and the task ↔ issue associations (a task's linked issues, an
 * issue's linked tasks). Which groups a module offers comes from the core capability table.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpFailure } from '../../../integrations/http/failures';
import type { ZohoApi, ZohoSource } from '../../../integrations/zoho/types';
import {
  ZOHO_MODULE_CAPABILITIES,
  type AssociationGroup as CoreAssociation,
} from '../../../workflows/core/capabilities';
import type { ZohoRecord } from '../../../workflows/core/model';
import { sciParams } from '../../contract/common';
import { associationsSchema, type AssociationGroup } from '../../contract/panel';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { createPanelLoader, issueOf } from '../../services/panel-loader';
import { sourceOfRow } from '../../services/panel-view';

const auth = { auth: 'panel' as const };
const tags = ['issue panel'];

type Rows = AssociationGroup['records'];
type Group = (zoho: ZohoApi, src: ZohoSource, recordId: string) => Promise<Rows>;

/** The association endpoints are UNCONFIRMED: a client error there shows no group instead of failing the panel. */
async function associatedOrNone(zoho: ZohoApi, src: ZohoSource, recordId: string): Promise<ZohoRecord[]> {
  try {
    return await zoho.listAssociatedRecords(src, recordId);
  } catch (err) {
    if (err instanceof HttpFailure && err.kind === 'client') return [];
    throw err;
  }
}

const linkedRecords: Group = async (zoho, src, recordId) => {
  const records = await associatedOrNone(zoho, src, recordId);
  return records.map((r) => {
    const project = r.fields.project as { id?: unknown } | undefined;
    const at: ZohoSource = {
      ...src,
      module: r.module,
      projectId: typeof project?.id === 'string' ? project.id : src.projectId,
    };
    let url: string | null = null;
    try {
      url = zoho.recordUrl(at, r);
    } catch {
      url = null;
    }
    return {
      id: r.id,
      title: [r.key, r.name].filter(Boolean).join(' ') || `Zoho record ${r.id}`,
      subtitle: r.status?.name ?? null,
      url,
    };
  });
};

/** One loader per core association kind: which group it fills and how. */
export const GROUP_LOADERS: Partial<
  Record<CoreAssociation, { relation: AssociationGroup['relation']; label: string; load: Group }>
> = {
  comments: {
    relation: 'comments',
    label: 'Comments',
    load: async (zoho, src, id) =>
      (await zoho.listComments(src, id)).map((c) => ({
        id: c.id,
        title:
          c.html
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 200) || '(empty comment)',
        subtitle: [c.authorName, c.createdAt].filter(Boolean).join(' · ') || null,
        url: null,
      })),
  },
  followers: {
    relation: 'followers',
    label: 'Followers',
    load: async (zoho, src, id) =>
      (await zoho.listFollowers(src, id)).map((u) => ({
        id: u.id,
        title: u.name,
        subtitle: u.email ?? null,
        url: null,
      })),
  },
  attachments: {
    relation: 'attachments',
    label: 'Attachments',
    load: async (zoho, src, id) =>
      (await zoho.listAttachments(src, id)).map((a) => ({
        id: a.id,
        title: a.name,
        subtitle: a.size !== undefined ? `${Math.ceil(a.size / 1024)} KB` : null,
        url: null,
      })),
  },
  linked_issues: { relation: 'issues', label: 'Associated issues', load: linkedRecords },
  linked_tasks: { relation: 'tasks', label: 'Associated tasks', load: linkedRecords },
};

/**
 * The non-empty groups for a linked record of `src.module`. A group Zoho fails to answer (5xx,
 * network, throttling) shows as that group with its error; the other groups still show.
 */
export async function associationGroups(zoho: ZohoApi, src: ZohoSource, recordId: string): Promise<AssociationGroup[]> {
  const kinds = ZOHO_MODULE_CAPABILITIES[src.module].associations;
  const groups = await Promise.all(
    kinds.map(async (k): Promise<AssociationGroup | undefined> => {
      const loader = GROUP_LOADERS[k];
      if (!loader) return undefined;
      const { relation, label } = loader;
      try {
        return { relation, label, records: await loader.load(zoho, src, recordId) };
      } catch (err) {
        const why = err instanceof HttpFailure ? err.message : 'Zoho Projects did not answer.';
        return { relation, label, records: [], error: `Could not be loaded: ${why}` };
      }
    }),
  );
  return groups.filter((g): g is AssociationGroup => !!g && (g.records.length > 0 || g.error !== undefined));
}

export const panelAssociationRoutes: FastifyPluginAsyncZod = async (app) => {
  const loader = createPanelLoader(app);

  app.get(
    '/items/:sciId/associations',
    {
      config: auth,
      schema: { tags, params: sciParams, response: { 200: associationsSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      const sci = await loader.sciForIssue(inv, request.params.sciId);
      if (!sci.showAssociations)
        throw new AppError('conflict', 'Associated records are not enabled for this Smart Connected Item.');
      const link = await loader.linkOf(inv.installationId, sci.id, issueOf(inv).issueId);
      if (!link) return { groups: [] };
      const zoho = await app.zoho.apiFor(inv.installationId);
      return { groups: await associationGroups(zoho, sourceOfRow(sci), link.zohoRecordId) };
    },
  );
};
