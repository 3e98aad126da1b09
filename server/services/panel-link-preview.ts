/**
 * The link dialog's preview: what the first sync of a new link would change, computed by the
 * sync planner itself from both sides as they are now. Reads only; nothing is written.
 */
import { issueFieldsToRead, previewFirstLink } from '../../workflows/core';
import type { JiraField } from '../../workflows/core/model';
import { loadSmartConnectedItem } from '../../store/items';
import type { LinkPreviewResult } from '../contract/panel';
import type { ServerContext } from '../plugins/services';
import { notFound } from '../errors';
import type { PanelIssue, PanelLoader } from './panel-loader';
import type { ItemRow } from './item-store';
import { sourceOfRow } from './panel-view';

export async function linkPreviewFor(
  ctx: ServerContext,
  loader: PanelLoader,
  issue: PanelIssue,
  row: ItemRow,
  zohoRecordId: string,
): Promise<LinkPreviewResult> {
  const sci = await loadSmartConnectedItem(ctx.prisma, row.id);
  if (!sci) throw notFound('The Smart Connected Item');
  const zoho = await ctx.zoho.apiFor(issue.installationId);
  const record = await zoho.getRecord(sourceOfRow(row), zohoRecordId);
  if (!record) throw notFound("The Zoho Projects record (in this item's portal, project and module)");
  const jira = await ctx.jiraFor(issue.installationId);
  const jiraIssue = await jira.getIssue(issue.issueId, issueFieldsToRead(sci));
  if (!jiraIssue) throw notFound('The Jira issue');
  const [projectId] = sci.jiraProjectIds;
  const issueTypeId = sci.jiraIssueTypeId;
  const jiraFields =
    sci.mappings.length && projectId && issueTypeId
      ? await ctx.metadata
          .get(issue.installationId, `jira:fields:${projectId}:${issueTypeId}`, () =>
            jira.listFields(projectId, issueTypeId),
          )
          .catch(() => [] as JiraField[])
      : [];
  const zohoFields = sci.mappings.length ? await loader.fieldsOf(zoho, issue.installationId, row) : [];
  const preview = previewFirstLink({
    sci,
    record,
    issue: jiraIssue,
    jiraFields,
    zohoFields,
    now: ctx.clock().toISOString(),
  });
  return { record: { id: record.id, key: record.key || null, name: record.name }, ...preview };
}
