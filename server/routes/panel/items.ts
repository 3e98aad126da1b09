/** Panel: the SCIs that apply to the issue with their linked records, and search (associated records: ./associations.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sciParams } from '../../contract/common';
import { panelItemsSchema, searchQuerySchema, searchResultSchema } from '../../contract/panel';
import { invocationOf } from '../../plugins/forge-auth';
import { itemInclude } from '../../services/item-store';
import { createPanelLoader, issueOf } from '../../services/panel-loader';
import { appliesTo, recordSummary, sourceOfRow } from '../../services/panel-view';

const auth = { auth: 'panel' as const };
const tags = ['issue panel'];
const MAX_SEARCH_RESULTS = 25;

export const panelItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const loader = createPanelLoader(app);

  app.get(
    '/items',
    {
      config: auth,
      schema: { tags, response: { 200: panelItemsSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      const issue = issueOf(inv);
      const [scis, links, connection] = await Promise.all([
        app.prisma.smartConnectedItem.findMany({
          where: { installationId: issue.installationId },
          include: itemInclude,
          orderBy: { createdAt: 'asc' },
        }),
        app.prisma.link.findMany({ where: { installationId: issue.installationId, jiraIssueId: issue.issueId } }),
        app.zoho.get(issue.installationId),
      ]);
      const linkBySci = new Map(links.map((l) => [l.sciId, l]));
      const scope = scis.some((s) => !linkBySci.has(s.id)) ? await loader.scopeOf(inv) : null;
      const visible = scis.filter((s) => linkBySci.has(s.id) || (scope !== null && appliesTo(s, scope)));
      const zohoState = links.length ? await loader.zohoOrNull(issue.installationId) : undefined;
      const items = await Promise.all(
        visible.map((s) => loader.panelItem(issue.installationId, s, linkBySci.get(s.id) ?? null, zohoState)),
      );
      return { issue: { id: issue.issueId, key: issue.issueKey }, zohoConnected: connection !== null, items };
    },
  );

  app.get(
    '/items/:sciId/search',
    {
      config: auth,
      schema: { tags, params: sciParams, querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      const sci = await loader.sciForIssue(inv, request.params.sciId);
      const zoho = await app.zoho.apiFor(inv.installationId);
      const src = sourceOfRow(sci);
      const found = await zoho.searchRecords(src, request.query.q);
      return { records: found.slice(0, MAX_SEARCH_RESULTS).map((r) => recordSummary(zoho, src, r)) };
    },
  );
};
