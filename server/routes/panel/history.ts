/**
 * Panel: a link's sync history, newest first, and Retry now (starts the link's refresh, the same
 * workflow as the panel's Refresh). Rows are scoped by installation, link and the FIT's own issue;
 * a Jira administrator additionally gets the Temporal Web UI link of each row's run.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HISTORY_REASON_WORDS } from '../../../workflows/core/history';
import { SYNC_MODE_CAPABILITIES } from '../../../workflows/core/capabilities';
import { findHistoryEntry, historyPage, type StoredHistoryEntry } from '../../../store/sync-history';
import { temporalRunUrl } from '../../../temporal.config';
import {
  historyEntryParams,
  historyPageSchema,
  historyParams,
  historyQuerySchema,
  historyRetrySchema,
  type HistoryEntry,
} from '../../contract/history';
import { AppError, notFound } from '../../errors';
import { invocationOf } from '../../plugins/forge-auth';
import { issueOf } from '../../services/panel-loader';
import { createJiraAdminCheck } from '../../services/jira-admins';
import { startRefreshLink } from '../../temporal/schedules';

const auth = { auth: 'panel' as const };
const tags = ['issue panel'];

export const panelHistoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const isJiraAdmin = createJiraAdminCheck(app);

  /** The link as the FIT's issue sees it (null when it no longer exists). */
  const linkOf = (installationId: string, jiraIssueId: string, linkId: string) =>
    app.prisma.link.findFirst({
      where: { id: linkId, installationId, jiraIssueId },
      include: { sci: { select: { mode: true, enabled: true } } },
    });

  const view = (e: StoredHistoryEntry, retryable: boolean, admin: boolean): HistoryEntry => ({
    id: e.id,
    at: e.at.toISOString(),
    direction: e.direction,
    kind: e.kind,
    field: e.field,
    from: e.from,
    to: e.to,
    why: e.why,
    whyText: e.why ? HISTORY_REASON_WORDS[e.why] : null,
    detail: e.detail,
    retryable: retryable && e.kind === 'failure',
    ...(admin && e.workflowId
      ? { temporalUrl: temporalRunUrl(app.config.temporal, e.workflowId, e.runId ?? undefined) }
      : {}),
  });

  app.get(
    '/links/:linkId/history',
    {
      config: auth,
      schema: {
        tags,
        summary: "A linked record's sync history, newest first",
        params: historyParams,
        querystring: historyQuerySchema,
        response: { 200: historyPageSchema },
      },
    },
    async (request) => {
      const inv = invocationOf(request);
      const issue = issueOf(inv);
      const where = { installationId: issue.installationId, linkId: request.params.linkId, jiraIssueId: issue.issueId };
      const [page, link, admin] = await Promise.all([
        historyPage(app.prisma, where, request.query),
        linkOf(issue.installationId, issue.issueId, request.params.linkId),
        isJiraAdmin(issue.installationId, issue.principal),
      ]);
      if (!link && page.entries.length === 0 && !request.query.cursor) throw notFound('The link');
      const retryable = !!link && SYNC_MODE_CAPABILITIES[link.sci.mode].synchronized && link.sci.enabled;
      return { entries: page.entries.map((e) => view(e, retryable, admin)), nextCursor: page.next };
    },
  );

  app.post(
    '/links/:linkId/history/:entryId/retry',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Retry now: sync the linked record again (starts the refresh workflow)',
        params: historyEntryParams,
        response: { 200: historyRetrySchema },
      },
    },
    async (request) => {
      const issue = issueOf(invocationOf(request));
      const { linkId, entryId } = request.params;
      const where = { installationId: issue.installationId, linkId, jiraIssueId: issue.issueId };
      const [entry, link] = await Promise.all([
        findHistoryEntry(app.prisma, { ...where, id: entryId }),
        linkOf(issue.installationId, issue.issueId, linkId),
      ]);
      if (!entry || !link) throw notFound('The history entry');
      if (entry.kind !== 'failure') throw new AppError('conflict', 'Only a failed sync can be retried.');
      if (!SYNC_MODE_CAPABILITIES[link.sci.mode].synchronized || !link.sci.enabled)
        throw new AppError('conflict', 'This item does not sync now (display-only or disabled).');
      const handle = await startRefreshLink(
        app.temporal,
        { installationId: issue.installationId, linkId },
        { taskQueue: app.taskQueue },
      );
      request.log.info({ installationId: issue.installationId, linkId, entryId }, 'retry now started');
      return { syncWorkflowId: handle.workflowId };
    },
  );
};
