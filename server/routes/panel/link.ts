/**
 * Panel: link (manual), unlink (manual only) and refresh. Auto-managed links belong to the
 * scheduler: they can be refreshed and opened, never replaced or removed (409 auto_managed_link).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { makeCtx } from '../../../activities/context';
import { writeLinkNote } from '../../../activities/link-note';
import { noteLinkChange } from '../../../activities/history-notes';
import { startRefreshLink } from '../../temporal/schedules';
import { SYNC_MODE_CAPABILITIES } from '../../../workflows/core/capabilities';
import { sciParams } from '../../contract/common';
import { linkBodySchema, linkPreviewSchema, refreshResultSchema, panelItemSchema } from '../../contract/panel';
import { AppError, notFound } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { linkPreviewFor } from '../../services/panel-link-preview';
import { createPanelLoader, issueOf } from '../../services/panel-loader';
import { AUTO_LINK_REASON, sourceOfRow } from '../../services/panel-view';
import type { ItemRow } from '../../services/item-store';

const auth = { auth: 'panel' as const };
const tags = ['issue panel'];

const isUnique = (err: unknown) => (err as { code?: string }).code === 'P2002';

export const panelLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const loader = createPanelLoader(app);
  const noteCtx = makeCtx({
    prisma: app.prisma,
    zohoFor: (installationId) => app.zoho.apiFor(installationId),
    jiraFor: (installationId) => app.jiraFor(installationId),
  });
  const synchronized = (sci: ItemRow) => SYNC_MODE_CAPABILITIES[sci.mode].synchronized && sci.enabled;
  const refreshInBackground = (installationId: string, linkId: string) =>
    startRefreshLink(app.temporal, { installationId, linkId }, { taskQueue: app.taskQueue });
  /** The panel's issue and the item it asks about (404 when the item does not apply to the issue). */
  const issueAndItem = async (request: FastifyRequest, sciId: string) => {
    const inv = invocationOf(request);
    const issue = issueOf(inv);
    return { issue, sci: await loader.sciForIssue(inv, sciId) };
  };
  /** ...and the issue's link under that item (404 when there is none). */
  const linkedItem = async (request: FastifyRequest, sciId: string) => {
    const { issue, sci } = await issueAndItem(request, sciId);
    const link = await loader.linkOf(issue.installationId, sci.id, issue.issueId);
    if (!link) throw notFound('The link');
    return { issue, sci, link };
  };

  // The dialog asks before the user confirms: which fields the first sync changes, in which direction.
  app.post(
    '/items/:sciId/link/preview',
    {
      config: auth,
      schema: { tags, params: sciParams, body: linkBodySchema, response: { 200: linkPreviewSchema } },
    },
    async (request) => {
      const { issue, sci } = await issueAndItem(request, request.params.sciId);
      return linkPreviewFor(app, loader, issue, sci, request.body.zohoRecordId);
    },
  );

  app.post(
    '/items/:sciId/link',
    {
      config: auth,
      schema: { tags, params: sciParams, body: linkBodySchema, response: { 200: panelItemSchema } },
    },
    async (request) => {
      const { issue, sci } = await issueAndItem(request, request.params.sciId);
      const { zohoRecordId } = request.body;
      const existing = await loader.linkOf(issue.installationId, sci.id, issue.issueId);
      if (existing?.origin === 'auto') throw new AppError('auto_managed_link', AUTO_LINK_REASON);
      if (existing?.zohoRecordId === zohoRecordId) return loader.panelItem(issue.installationId, sci, existing);

      const other = await app.prisma.link.findFirst({
        where: { sciId: sci.id, zohoRecordId, NOT: { jiraIssueId: issue.issueId } },
      });
      if (other) {
        throw new AppError(
          'already_linked',
          `This Zoho Projects record is already linked to ${other.jiraIssueKey} by "${sci.name}". Unlink it there first.`,
        );
      }
      const zoho = await app.zoho.apiFor(issue.installationId);
      const record = await zoho.getRecord(sourceOfRow(sci), zohoRecordId);
      if (!record) throw notFound("The Zoho Projects record (in this item's portal, project and module)");

      const data = {
        installationId: issue.installationId,
        sciId: sci.id,
        jiraIssueId: issue.issueId,
        jiraIssueKey: issue.issueKey,
        zohoRecordId,
        zohoRecordKey: record.key || null,
        zohoRecordName: record.name,
        origin: 'manual' as const,
        createdBy: issue.principal,
      };
      let link;
      try {
        link = await app.prisma.$transaction(async (tx) => {
          // Replacing a manual link: the old pair goes (with its receipts and mirrors), a new one starts.
          if (existing) await tx.link.deleteMany({ where: { id: existing.id, origin: 'manual' } });
          return tx.link.create({ data });
        });
      } catch (err) {
        if (isUnique(err))
          throw new AppError('already_linked', 'This issue or record was linked a moment ago. Reload the panel.');
        throw err;
      }
      // The visible "linked to Jira" note on the Zoho record: once per link (Link.zohoNoteCommentId).
      const note = await writeLinkNote(noteCtx, { linkId: link.id }).catch((err: Error) => {
        request.log.warn({ linkId: link.id, err: err.message }, 'link note not written now; the sync cycle retries it');
        return null;
      });
      noteLinkChange(noteCtx, link, 'link', `${record.key || record.id} ${record.name}`);
      await noteCtx.history.flush();
      if (synchronized(sci)) {
        await refreshInBackground(issue.installationId, link.id).catch((err: Error) =>
          request.log.warn({ linkId: link.id, err: err.message }, 'could not start the first sync of the new link'),
        );
      }
      request.log.info(
        { installationId: issue.installationId, sciId: sci.id, linkId: link.id, note: note?.outcome },
        'manual link created',
      );
      const fresh = await app.prisma.link.findUniqueOrThrow({ where: { id: link.id } });
      return loader.panelItem(issue.installationId, sci, fresh, { zoho, error: null });
    },
  );

  app.delete(
    '/items/:sciId/link',
    {
      config: auth,
      schema: { tags, params: sciParams, response: { 200: panelItemSchema } },
    },
    async (request) => {
      const { issue, sci, link } = await linkedItem(request, request.params.sciId);
      if (link.origin === 'auto') throw new AppError('auto_managed_link', AUTO_LINK_REASON);
      await app.prisma.link.deleteMany({
        where: { id: link.id, installationId: issue.installationId, origin: 'manual' },
      });
      noteLinkChange(
        noteCtx,
        link,
        'unlink',
        `${link.zohoRecordKey ?? link.zohoRecordId} ${link.zohoRecordName ?? ''}`,
      );
      await noteCtx.history.flush();
      request.log.info({ installationId: issue.installationId, sciId: sci.id, linkId: link.id }, 'manual link removed');
      return loader.panelItem(issue.installationId, sci, null);
    },
  );

  app.post(
    '/items/:sciId/refresh',
    {
      config: auth,
      schema: { tags, params: sciParams, response: { 200: refreshResultSchema } },
    },
    async (request) => {
      const { issue, sci, link } = await linkedItem(request, request.params.sciId);
      let syncWorkflowId: string | null = null;
      if (synchronized(sci)) {
        const handle = await refreshInBackground(issue.installationId, link.id);
        syncWorkflowId = handle.workflowId;
      }
      const item = await loader.panelItem(issue.installationId, sci, link);
      return { ...item, syncWorkflowId };
    },
  );
};
