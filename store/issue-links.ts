/**
 * Everything the event path needs about one Jira issue's links, in ONE SQL statement: the links
 * (one per SCI that links the issue), each SCI with its field mappings and rule, and each link's
 * write receipts. It runs once per batch of Jira events, where it replaced five queries
 * (links, SCIs, mappings, rules, receipts): the same rows and shapes as the Prisma reads
 * (linkSelect, loadSmartConnectedItem, receiptsForLinks; tests/e2e/issue-links-load.test.ts holds
 * them equal).
 */
import type { WriteReceipt } from '../workflows/core/echo';
import type { SmartConnectedItem } from '../workflows/core/model';
import { toSmartConnectedItem } from './items';
import { toLinkRef, type LinkRef } from './links';
import type { PrismaClient } from './prisma';

export interface IssueLinks {
  links: LinkRef[];
  /** sciId → SCI. */
  scis: Map<string, SmartConnectedItem>;
  /** linkId → receipts (both directions). */
  receipts: Map<string, WriteReceipt[]>;
}

type Row = Omit<LinkRef, 'baseline'> & {
  baseline: unknown;
  sci: Parameters<typeof toSmartConnectedItem>[0];
  receipts: WriteReceipt[];
};

export async function loadIssueLinks(
  prisma: PrismaClient,
  installationId: string,
  jiraIssueId: string,
): Promise<IssueLinks> {
  // Timestamps of receipts travel as UTC ISO text (the columns are timestamp(3) in UTC, as Prisma writes them).
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT l."id", l."installationId", l."sciId", l."jiraIssueId", l."jiraIssueKey", l."zohoRecordId",
           l."origin"::text AS "origin", l."zohoNoteCommentId", l."lastZohoModifiedAt", l."lastJiraUpdatedAt",
           l."baseline",
           (to_jsonb(s) - 'zohoWebhookToken') || jsonb_build_object(
             -- A NULL list reads as empty, as Prisma reads it.
             'jiraProjectIds', COALESCE(s."jiraProjectIds", '{}'), 'jiraProjectKeys', COALESCE(s."jiraProjectKeys", '{}'),
             'displayFields', COALESCE(s."displayFields", '{}'),
             'mappings', COALESCE((
               SELECT jsonb_agg(jsonb_build_object('jiraFieldId', m."jiraFieldId", 'jiraFieldName', m."jiraFieldName",
                                                   'zohoFieldId', m."zohoFieldId", 'zohoFieldName', m."zohoFieldName",
                                                   'owner', m."owner") ORDER BY m."position")
               FROM "FieldMapping" m WHERE m."sciId" = s."id"), '[]'::jsonb),
             'rule', (SELECT to_jsonb(r) FROM "ConditionalSyncRule" r WHERE r."sciId" = s."id")) AS "sci",
           COALESCE((
             SELECT jsonb_agg(jsonb_build_object('field', w."field", 'direction', w."direction",
                                                 'valueHash', w."valueHash",
                                                 'writtenAt', to_char(w."writtenAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
             FROM "WriteReceipt" w WHERE w."linkId" = l."id"), '[]'::jsonb) AS "receipts"
    FROM "Link" l JOIN "SmartConnectedItem" s ON s."id" = l."sciId"
    WHERE l."installationId" = ${installationId} AND l."jiraIssueId" = ${jiraIssueId}`;
  const out: IssueLinks = { links: [], scis: new Map(), receipts: new Map() };
  for (const { sci, receipts, ...link } of rows) {
    out.links.push(toLinkRef(link));
    out.scis.set(link.sciId, toSmartConnectedItem(sci));
    if (receipts.length > 0) out.receipts.set(link.id, receipts);
  }
  return out;
}
