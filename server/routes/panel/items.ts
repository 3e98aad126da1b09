/** Panel: the SCIs that apply to the issue with their linked records, search, and associated records. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZOHO_MODULE_CAPABILITIES } from '../../../workflows/core/capabilities';
import { sciParams } from '../../contract/common';
import {
  associationsSchema, panelItemsSchema, searchQuerySchema, searchResultSchema, type AssociationGroup,
} from '../../contract/panel';
import type { ServerContext } from '../../context';
import { AppError } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { itemInclude } from '../../services/item-store';
import { createPanelLoader, issueOf } from '../../services/panel-loader';
import { appliesTo, recordSummary, sourceOfRow } from '../../services/panel-view';

const auth = { auth: 'panel' as const };
const tags = ['issue panel'];
const MAX_SEARCH_RESULTS = 25;

export const panelItemRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  const loader = createPanelLoader(ctx);

  app.get('/api/panel/items', {
    config: auth, schema: { tags, response: { 200: panelItemsSchema } },
  }, async (request) => {
    const inv = invocationOf(request);
    const issue = issueOf(inv);
    const [scis, links, connection] = await Promise.all([
      ctx.prisma.smartConnectedItem.findMany({ where: { installationId: issue.installationId }, include: itemInclude, orderBy: { createdAt: 'asc' } }),
      ctx.prisma.link.findMany({ where: { installationId: issue.installationId, jiraIssueId: issue.issueId } }),
      ctx.zoho.get(issue.installationId),
    ]);
    const linkBySci = new Map(links.map((l) => [l.sciId, l]));
    const scope = scis.some((s) => !linkBySci.has(s.id)) ? await loader.scopeOf(inv) : null;
    const visible = scis.filter((s) => linkBySci.has(s.id) || (scope !== null && appliesTo(s, scope)));
    const zohoState = links.length ? await loader.zohoOrNull(issue.installationId) : undefined;
    const items = await Promise.all(visible.map((s) => loader.panelItem(issue.installationId, s, linkBySci.get(s.id) ?? null, zohoState)));
    return { issue: { id: issue.issueId, key: issue.issueKey }, zohoConnected: connection !== null, items };
  });

  app.get('/api/panel/items/:sciId/search', {
    config: auth, schema: { tags, params: sciParams, querystring: searchQuerySchema, response: { 200: searchResultSchema } },
  }, async (request) => {
    const inv = invocationOf(request);
    const sci = await loader.sciForIssue(inv, request.params.sciId);
    const zoho = await ctx.zoho.apiFor(inv.installationId);
    const src = sourceOfRow(sci);
    const found = await zoho.searchRecords(src, request.query.q);
    return { records: found.slice(0, MAX_SEARCH_RESULTS).map((r) => recordSummary(zoho, src, r)) };
  });

  app.get('/api/panel/items/:sciId/associations', {
    config: auth, schema: { tags, params: sciParams, response: { 200: associationsSchema } },
  }, async (request) => {
    const inv = invocationOf(request);
    const sci = await loader.sciForIssue(inv, request.params.sciId);
    if (!sci.showAssociations) throw new AppError('conflict', 'Associated records are not enabled for this Smart Connected Item.');
    const link = await loader.linkOf(inv.installationId, sci.id, issueOf(inv).issueId);
    if (!link) return { groups: [] };
    const zoho = await ctx.zoho.apiFor(inv.installationId);
    const src = sourceOfRow(sci);
    const supported = new Set(ZOHO_MODULE_CAPABILITIES[sci.zohoModule].associations);
    const groups: AssociationGroup[] = [];
    if (supported.has('comments')) {
      const comments = await zoho.listComments(src, link.zohoRecordId);
      groups.push({
        relation: 'comments', label: 'Comments',
        records: comments.map((c) => ({
          id: c.id, title: c.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty comment)',
          subtitle: [c.authorName, c.createdAt].filter(Boolean).join(' · ') || null, url: null,
        })),
      });
    }
    if (supported.has('followers')) {
      const followers = await zoho.listFollowers(src, link.zohoRecordId);
      groups.push({ relation: 'followers', label: 'Followers', records: followers.map((u) => ({ id: u.id, title: u.name, subtitle: u.email ?? null, url: null })) });
    }
    if (supported.has('attachments')) {
      const attachments = await zoho.listAttachments(src, link.zohoRecordId);
      groups.push({
        relation: 'attachments', label: 'Attachments',
        records: attachments.map((a) => ({ id: a.id, title: a.name, subtitle: a.size !== undefined ? `${Math.ceil(a.size / 1024)} KB` : null, url: null })),
      });
    }
    return { groups: groups.filter((g) => g.records.length > 0) };
  });
};
