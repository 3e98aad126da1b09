/**
 * Loads what the panel routes need for the FIT's issue: the issue's scope, the applicable SCIs,
 * their links, and each linked record from Zoho (preview failures never hide the link).
 */
import type { Link } from '../../store/prisma';
import type { ZohoApi } from '../../integrations/zoho/types';
import type { ZohoField, ZohoRecord } from '../../workflows/core/model';
import type { PanelItem } from '../contract/panel';
import type { ServerContext } from '../plugins/services';
import { AppError, fromOutboundFailure, notFound } from '../errors';
import type { ForgeInvocation } from '../plugins/fit-verifier';
import { itemInclude, type ItemRow } from './item-store';
import { appliesTo, panelItemOf, sourceOfRow, type IssueScope } from './panel-view';

export interface PanelIssue {
  installationId: string;
  issueId: string;
  issueKey: string;
  principal: string | null;
}

export function issueOf(inv: ForgeInvocation): PanelIssue {
  if (!inv.issue) throw new AppError('bad_request', 'The issue panel call carries no Jira issue context.');
  return {
    installationId: inv.installationId,
    issueId: inv.issue.id,
    issueKey: inv.issue.key,
    principal: inv.principal,
  };
}

export function createPanelLoader(ctx: ServerContext) {
  /** Project and issue type of the issue: from the FIT when present, else read from Jira (cached briefly). */
  async function scopeOf(inv: ForgeInvocation): Promise<IssueScope> {
    const issue = issueOf(inv);
    if (inv.project && inv.issue?.typeId) return { projectId: inv.project.id, issueTypeId: inv.issue.typeId };
    return ctx.metadata.get(issue.installationId, `issue-scope:${issue.issueId}`, async () => {
      const jira = await ctx.jiraFor(issue.installationId);
      const found = await jira.getIssue(issue.issueId, ['project', 'issuetype']);
      if (!found) throw notFound('The Jira issue');
      return { projectId: found.projectId, issueTypeId: found.issueTypeId };
    });
  }

  async function zohoOrNull(installationId: string): Promise<{ zoho: ZohoApi | null; error: string | null }> {
    try {
      return { zoho: await ctx.zoho.apiFor(installationId), error: null };
    } catch (err) {
      return { zoho: null, error: err instanceof AppError ? err.message : 'Zoho Projects is unavailable.' };
    }
  }

  async function fieldsOf(zoho: ZohoApi, installationId: string, sci: ItemRow): Promise<ZohoField[]> {
    const key = `zoho:fields:${sci.zohoPortalId}:${sci.zohoProjectId}:${sci.zohoModule}`;
    return ctx.metadata
      .get(installationId, key, () => zoho.listFields(sci.zohoPortalId, sci.zohoProjectId, sci.zohoModule))
      .catch(() => [] as ZohoField[]);
  }

  /** One panel row: the SCI, its link for this issue, and the fresh record preview. */
  async function panelItem(
    installationId: string,
    sci: ItemRow,
    link: Link | null,
    zohoState?: { zoho: ZohoApi | null; error: string | null },
  ): Promise<PanelItem> {
    const at = ctx.clock();
    if (!link) return panelItemOf(sci, null, { record: null, fields: [], error: null, zoho: null, at });
    const { zoho, error } = zohoState ?? (await zohoOrNull(installationId));
    if (!zoho) return panelItemOf(sci, link, { record: null, fields: [], error, zoho: null, at });
    let record: ZohoRecord | null = null;
    let loadError: string | null = null;
    try {
      record = await zoho.getRecord(sourceOfRow(sci), link.zohoRecordId);
      if (!record) loadError = 'The linked Zoho Projects record no longer exists or is not visible to the connection.';
    } catch (err) {
      loadError = (fromOutboundFailure(err) ?? (err as Error)).message;
    }
    const fields = record ? await fieldsOf(zoho, installationId, sci) : [];
    return panelItemOf(sci, link, { record, fields, error: loadError, zoho, at });
  }

  /** The SCI, checked to belong to the installation and to apply to the FIT's issue. */
  async function sciForIssue(inv: ForgeInvocation, sciId: string): Promise<ItemRow> {
    const sci = await ctx.prisma.smartConnectedItem.findFirst({
      where: { id: sciId, installationId: inv.installationId },
      include: itemInclude,
    });
    if (!sci) throw notFound('The Smart Connected Item');
    const issue = issueOf(inv);
    const linked = await ctx.prisma.link.count({
      where: { installationId: inv.installationId, sciId, jiraIssueId: issue.issueId },
    });
    if (!linked && !appliesTo(sci, await scopeOf(inv))) {
      throw new AppError(
        'forbidden',
        "This Smart Connected Item does not apply to this issue's project and issue type.",
      );
    }
    return sci;
  }

  async function linkOf(installationId: string, sciId: string, issueId: string): Promise<Link | null> {
    return ctx.prisma.link.findFirst({ where: { installationId, sciId, jiraIssueId: issueId } });
  }

  return { scopeOf, zohoOrNull, panelItem, sciForIssue, linkOf, fieldsOf };
}
export type PanelLoader = ReturnType<typeof createPanelLoader>;
