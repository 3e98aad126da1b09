/**
 * The event path reads an issue's links, their SCIs (mappings, rule) and write receipts in one SQL
 * statement (store/issue-links.ts). It must hand the planner exactly what the per-table Prisma
 * reads hand it: same links, same SCIs (mapping order, owners, rule), same receipts.
 */
import { randomUUID } from 'node:crypto';
import { loadIssueLinks } from '../../store/issue-links';
import { loadSmartConnectedItem } from '../../store/items';
import { linkSelect, toLinkRef } from '../../store/links';
import { createPrisma, type PrismaClient } from '../../store/prisma';
import { receiptsForLinks, recordReceipts } from '../../store/receipts';
import { createSci } from './support/sci';

let prisma: PrismaClient;
const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;

beforeAll(async () => {
  prisma = createPrisma(process.env.DATABASE_URL!);
  await prisma.installation.create({
    data: { id: installationId, apiBaseUrl: 'https://api.atlassian.com/ex/jira/x', siteUrl: 'https://x', cloudId: 'x' },
  });
});
afterAll(async () => {
  await prisma.installation.delete({ where: { id: installationId } });
  await prisma.$disconnect();
});

describe('one statement loads an issue’s links, SCIs and receipts', () => {
  it('equals the per-table reads, for an issue linked under two SCIs (one with a rule, one custom)', async () => {
    const withRule = await createSci(prisma, {
      installationId,
      mode: 'two_way',
      projectId: 'p1',
      syncStatus: true,
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name' },
        { jiraFieldId: 'duedate', zohoFieldId: 'end_date' },
        { jiraFieldId: 'description', zohoFieldId: 'description' },
      ],
      rule: { zohoFieldId: 'status', operator: 'not_equals', value: 'Closed', metJiraStatusId: '3' },
    });
    const custom = await createSci(prisma, {
      installationId,
      mode: 'custom',
      projectId: 'p2',
      mappings: [
        { jiraFieldId: 'summary', zohoFieldId: 'name', owner: 'jira' },
        { jiraFieldId: 'priority', zohoFieldId: 'priority', owner: 'zoho' },
      ],
    });
    // Mapping positions out of insertion order: the statement orders by position like the include.
    await prisma.fieldMapping.updateMany({ where: { sciId: withRule, jiraFieldId: 'summary' }, data: { position: 9 } });
    const issueId = `iss-${randomUUID()}`;
    const linkIds: string[] = [];
    for (const [sciId, record] of [
      [withRule, 'r1'],
      [custom, 'r2'],
    ]) {
      const link = await prisma.link.create({
        data: {
          installationId,
          sciId,
          jiraIssueId: issueId,
          jiraIssueKey: 'OPS-1',
          origin: 'manual',
          zohoRecordId: record,
          baseline: { summary: { jira: 'a', zoho: 'b' } },
          lastJiraUpdatedAt: new Date('2026-12-01T10:00:00.123Z'),
        },
      });
      linkIds.push(link.id);
    }
    await recordReceipts(prisma, linkIds[0], [
      { field: 'summary', direction: 'jira_to_zoho', valueHash: 'h1', writtenAt: '' },
      { field: 'duedate', direction: 'zoho_to_jira', valueHash: 'h2', writtenAt: '' },
    ]);
    // Another issue's link must not show up.
    await prisma.link.create({
      data: {
        installationId,
        sciId: custom,
        jiraIssueId: 'other',
        jiraIssueKey: 'OPS-2',
        zohoRecordId: 'r3',
        origin: 'auto',
      },
    });

    const one = await loadIssueLinks(prisma, installationId, issueId);
    // The per-table reads: Prisma's link select and the SCI loader (its include of mappings and rule).
    const links = (
      await prisma.link.findMany({ where: { installationId, jiraIssueId: issueId }, select: linkSelect })
    ).map(toLinkRef);
    const scis = [(await loadSmartConnectedItem(prisma, withRule))!, (await loadSmartConnectedItem(prisma, custom))!];
    const receipts = await receiptsForLinks(prisma, linkIds);

    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(one.links)).toEqual(byId(links));
    expect(one.links[0].lastJiraUpdatedAt).toEqual(new Date('2026-12-01T10:00:00.123Z'));
    expect(new Map([...one.scis].sort())).toEqual(new Map(scis.map((s) => [s.id, s] as const).sort()));
    expect(one.scis.get(withRule)!.mappings.map((m) => m.jiraFieldId)).toEqual(['duedate', 'description', 'summary']);
    expect(one.scis.get(withRule)!.rule).toMatchObject({ operator: 'not_equals', value: 'Closed' });
    expect(one.scis.get(custom)!.rule).toBeNull();
    const sortReceipts = (m: Map<string, Array<{ field: string }>>) =>
      [...m].map(([k, v]) => [k, [...v].sort((a, b) => a.field.localeCompare(b.field))]).sort();
    expect(sortReceipts(one.receipts)).toEqual(sortReceipts(receipts));
    expect(one.receipts.get(linkIds[0])).toHaveLength(2);
    expect(await loadIssueLinks(prisma, installationId, 'nobody')).toEqual({
      links: [],
      scis: new Map(),
      receipts: new Map(),
    });
  });
});
