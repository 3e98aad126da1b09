/**
 * Incremental pull through Zoho's documented modified-time filter (Filter Guide: `filter` JSON with
 * criteria + pattern, day values; `sort_by=DESC(last_modified_time)`): an idle cycle costs ONE list
 * call per Zoho source, a write stamped just before the cursor (clock skew) is still found, and a
 * Zoho that refuses the filter is read by the page scan — reported once, not retried every cycle.
 */
import { startHarness, type Harness } from './support/harness';
import { createSci, runCycle } from './support/sci';
import { linkedPair } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { sharedScanTtlMs: 60_000 } });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const LIST_TASKS = 'GET /api/v3/portal/:portalId/projects/:projectId/tasks';
const listCalls = () => h.zoho.control.callLog().filter((c) => c.endpoint === LIST_TASKS);
const summaryOf = async (issueId: string) => (await h.jiraApi.getIssue(issueId, ['summary']))!.fields.summary;
const MAPPINGS = [{ jiraFieldId: 'summary', zohoFieldId: 'name' }];

async function item(name: string) {
  const projectId = h.zoho.control.addProject({ name, prefix: name.slice(0, 2).toUpperCase() });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'one_way',
    projectId,
    name,
    mappings: MAPPINGS,
  });
  return { projectId, sciId };
}

describe('modified-time filter', () => {
  it('an idle cycle costs ONE Zoho call per Zoho source: filtered by day, newest first, shared by its items', async () => {
    const { projectId, sciId } = await item('Idle source');
    h.zoho.control.seedItems({ projectId, count: 250 });
    const other = await createSci(h.prisma, {
      installationId: h.installationId,
      mode: 'one_way',
      projectId,
      name: 'Idle source, second item',
      mappings: MAPPINGS,
    });
    for (const id of [sciId, other]) await runCycle(h.client, h.taskQueue, id); // first runs: full passes

    h.zoho.control.clearCallLog();
    const runs = [await runCycle(h.client, h.taskQueue, sciId), await runCycle(h.client, h.taskQueue, other)];
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const calls = listCalls();
    expect(calls).toHaveLength(1);
    const q = new URL(calls[0].path, 'http://zoho').searchParams;
    expect(q.get('sort_by')).toBe('DESC(last_modified_time)');
    expect(JSON.parse(q.get('filter')!)).toEqual({
      criteria: [
        {
          field_name: 'last_modified_time',
          criteria_condition: 'after',
          value: [expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
        },
      ],
      pattern: '1',
    });
    expect(h.zoho.control.callLog().map((c) => c.endpoint)).toEqual([LIST_TASKS]);
  });

  it('a Zoho write stamped just before the cursor (clock skew) still reaches Jira, once', async () => {
    const { projectId, sciId } = await item('Skewed clock');
    const pair = await linkedPair(h, { sciId, projectId, name: 'Skew' });
    await runCycle(h.client, h.taskQueue, sciId);

    h.zoho.control.advanceTime(-30_000); // Zoho's clock is 30 s behind the newest time we have seen
    h.zoho.control.editRecord(pair.recordId, { name: 'Skew, edited' });
    h.zoho.control.advanceTime(30_000);
    const found = await runCycle(h.client, h.taskQueue, sciId);
    expect(found.totals?.updated).toBe(1);
    expect(await summaryOf(pair.issueId)).toBe('Skew, edited');

    // The overlap reads it again next cycle; the unchanged content is not written twice.
    const again = await runCycle(h.client, h.taskQueue, sciId);
    expect(again.totals?.updated).toBe(0);
    expect(again.totals?.jiraCalls).toBe(0);
  });

  it('a Zoho that refuses the filter: the page scan finds the change, reported once, not retried every cycle', async () => {
    const { projectId, sciId } = await item('Refusing portal');
    const pair = await linkedPair(h, { sciId, projectId, name: 'Refused' });
    await runCycle(h.client, h.taskQueue, sciId);
    h.zoho.control.setSwitches({ refuseModifiedTimeFilter: true });
    try {
      h.zoho.control.clearCallLog();
      h.zoho.control.editRecord(pair.recordId, { name: 'Found by the page scan' });
      const first = await runCycle(h.client, h.taskQueue, sciId);
      expect(first.status).toBe('succeeded');
      expect(await summaryOf(pair.issueId)).toBe('Found by the page scan');
      expect(first.totals?.errors).toEqual([
        {
          message: expect.stringMatching(
            /^Zoho refused the modified-time filter on tasks of project \d+ \(INVALID_PARAMETER_VALUE: .*\); this source is read page by page, and the filter is tried again after 6 h\.$/,
          ),
        },
      ]);
      expect(listCalls().map((c) => c.status)).toEqual([400, 200]);

      h.zoho.control.clearCallLog();
      h.zoho.control.editRecord(pair.recordId, { name: 'Found again' });
      const next = await runCycle(h.client, h.taskQueue, sciId);
      expect(await summaryOf(pair.issueId)).toBe('Found again');
      expect(next.totals?.errors).toEqual([]);
      const calls = listCalls();
      expect(calls.map((c) => c.status)).toEqual([200]);
      expect(calls[0].path).not.toContain('filter=');
    } finally {
      h.zoho.control.setSwitches({ refuseModifiedTimeFilter: false });
    }
  });
});
