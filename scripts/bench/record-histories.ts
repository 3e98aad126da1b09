/**
 * Records workflow histories for the replay test (tests/workflows/replay.test.ts): runs each
 * workflow once against the simulators and saves its history as JSON in tests/workflows/histories/.
 * Re-run after an intentional workflow change: `npx tsx scripts/bench/record-histories.ts`.
 * `npx tsx scripts/bench/record-histories.ts issue-events-batch` records only the entity workflow fed
 * by the outbox relay's batch signal (two events in one signal, then one of them re-sent);
 * `… sync-item-batches` records only a cycle that auto-creates through a batch activity and hands
 * one record (claimed by an "earlier attempt") to its child workflow; `… sync-item-settle` records
 * a cycle that walks an unsettled link on to its target status (settle-statuses patch);
 * `… issue-events-local` records the batch run again with its batches as local activities (apply-local patch).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DEMO_FIELDS, DEMO_STATUS, DEMO_TRANSITIONS, demoSeed } from '../../sim/jira';
import { startHarness } from '../../tests/e2e/support/harness';
import { createSci } from '../../tests/e2e/support/sci';
import { jiraEvent, linkedPair } from '../../tests/e2e/support/world';
import { signalIssueEvents, startRefreshLink } from '../../server/temporal/schedules';
import { issueEventsWorkflowIdFor } from '../../workflows/ids';
import type { ReceiptedJiraIssueEvent } from '../../workflows/signals';
import { startInfra } from './infra';

const OUT = join(__dirname, '../../tests/workflows/histories');

async function main(): Promise<void> {
  const infra = await startInfra();
  const h = await startHarness();
  try {
    const save = async (name: string, workflowId: string) => {
      const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
      writeFileSync(join(OUT, `${name}.json`), historyToJSON(history));
      console.log(`saved ${name} (${history.events?.length ?? 0} events)`);
    };
    const projectId = h.zoho.control.addProject({ name: 'Replay', prefix: 'RP' });
    h.zoho.control.createRecord(projectId, 'tasks', { name: 'Replay billable', billing_type: 'billable' });
    const sciId = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'two_way',
      projectId,
      autoCreate: true,
      syncStatus: true,
      syncComments: true,
      mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
      rule: {
        zohoFieldId: 'billing_type',
        operator: 'equals',
        value: 'billable',
        metJiraStatusId: DEMO_STATUS.done,
        notMetJiraStatusId: DEMO_STATUS.todo,
      },
    });
    const pair = await linkedPair(h, { sciId, projectId, name: 'Replay linked' });
    if (process.argv[2] === 'sync-item-settle') {
      const engProject = h.zoho.control.addProject({ name: 'Replay walk', prefix: 'RW' });
      const engSci = await createSci(h.prisma, {
        installationId: h.installationId,
        mode: 'one_way',
        projectId: engProject,
        syncStatus: true,
        jiraProjectId: '10001',
      });
      const eng = await linkedPair(h, {
        sciId: engSci,
        projectId: engProject,
        name: 'Replay walk',
        jiraProjectKey: 'ENG',
      });
      const cycle = (id: string) =>
        h.client.workflow.execute('syncItem', { taskQueue: h.taskQueue, workflowId: id, args: [{ sciId: engSci }] });
      await cycle(`sync:${engSci}:replay-baseline`);
      const open = demoSeed().projects.find((p) => p.key === 'ENG')!.workflow;
      const needsEstimate = structuredClone(open);
      needsEstimate.transitions.find((t) => t.id === DEMO_TRANSITIONS.done)!.requiredFields = [
        DEMO_FIELDS.estimateHours,
      ];
      h.jira.control.setWorkflow('ENG', needsEstimate);
      h.zoho.control.changeStatus(eng.recordId, 'Closed');
      await cycle(`sync:${engSci}:replay-stuck`);
      h.jira.control.setWorkflow('ENG', open);
      const syncId = `sync:${engSci}:replay-settle`;
      await cycle(syncId);
      await save('sync-item-settle', syncId);
      return;
    }
    if (process.argv[2] === 'sync-item-batches') {
      const claimed = h.zoho.control.createRecord(projectId, 'tasks', {
        name: 'Replay claimed earlier',
        billing_type: 'billable',
      }) as { id: string };
      await h.prisma.autoCreateIntent.create({
        data: { sciId, zohoRecordId: claimed.id, firstTryAt: new Date(Date.now() - 120_000) },
      });
      const syncId = `sync:${sciId}:replay-batches`;
      await h.client.workflow.execute('syncItem', { taskQueue: h.taskQueue, workflowId: syncId, args: [{ sciId }] });
      await save('sync-item-batches', syncId);
      return;
    }
    // issue-events-local: the same run recorded since the apply-local patch (batches as local activities).
    if (process.argv[2] === 'issue-events-batch' || process.argv[2] === 'issue-events-local') {
      const event = (
        receiptId: string,
        kind: ReceiptedJiraIssueEvent['kind'],
        extra: Partial<ReceiptedJiraIssueEvent> = {},
      ): ReceiptedJiraIssueEvent => ({
        receiptId,
        kind,
        installationId: h.installationId,
        jiraIssueId: pair.issueId,
        jiraIssueKey: 'OPS-?',
        changedFieldIds: [],
        occurredAt: new Date().toISOString(),
        ...extra,
      });
      const first = event('00000000-0000-4000-8000-000000000001', 'issue_updated', { changedFieldIds: ['summary'] });
      await signalIssueEvents(
        h.client,
        [first, event('00000000-0000-4000-8000-000000000002', 'comment_created', { commentId: '1' })],
        { taskQueue: h.taskQueue },
      );
      const batch = h.client.workflow.getHandle(issueEventsWorkflowIdFor(h.installationId, pair.issueId));
      for (let i = 0; i < 100; i += 1) {
        if ((await batch.query<{ applied: number }>('issueEventsStatus')).applied >= 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await signalIssueEvents(h.client, [first], { taskQueue: h.taskQueue }); // a re-send: ignored
      for (let i = 0; i < 100; i += 1) {
        if (((await batch.query<{ duplicates?: number }>('issueEventsStatus')).duplicates ?? 0) >= 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await batch.terminate('history recorded');
      await save(process.argv[2], batch.workflowId);
      return;
    }
    h.zoho.control.editRecord(pair.recordId, { name: 'Replay linked v2' });
    h.zoho.control.addComment(pair.recordId, '<p>replay comment</p>');

    const syncId = `sync:${sciId}:replay`;
    await h.client.workflow.execute('syncItem', { taskQueue: h.taskQueue, workflowId: syncId, args: [{ sciId }] });
    await save('sync-item', syncId);
    const created = await h.prisma.link.findFirstOrThrow({ where: { sciId, origin: 'auto' } });
    await save('auto-create', `create:${sciId}:${created.zohoRecordId}`);

    await jiraEvent(h, { kind: 'issue_updated', jiraIssueId: pair.issueId, changedFieldIds: ['summary'] });
    await jiraEvent(h, { kind: 'comment_created', jiraIssueId: pair.issueId, commentId: '1' });
    const entity = issueEventsWorkflowIdFor(h.installationId, pair.issueId);
    const handle = h.client.workflow.getHandle(entity);
    for (let i = 0; i < 100; i += 1) {
      const s = await handle.query<{ applied: number }>('issueEventsStatus');
      if (s.applied >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await handle.terminate('history recorded');
    await save('issue-events', entity);

    const refresh = await startRefreshLink(
      h.client,
      { installationId: h.installationId, linkId: pair.linkId },
      { taskQueue: h.taskQueue, nonce: 'replay' },
    );
    await refresh.result();
    await save('refresh-link', refresh.workflowId);
  } finally {
    await h.stop();
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
