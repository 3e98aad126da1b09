/**
 * Chaos on the production-shaped topology: a real temporal-server on PostgreSQL, two worker and two
 * API server processes behind a load balancer, the simulators. Each scenario breaks one part while
 * work is in flight and asserts convergence: 0 lost events, 0 duplicated Jira issues or comments,
 * 0 duplicated Zoho comments. Figures are printed for the README's table.
 */
import { DEMO_ACCOUNTS } from '../../sim/jira';
import { autoCreatingItem, jiraCreates, startClusterFixture, until, type ClusterFixture } from './cluster-fixture';

let f: ClusterFixture;
const figures: Record<string, unknown>[] = [];

beforeAll(async () => {
  f = await startClusterFixture();
}, 300_000);
afterAll(async () => {
  console.log(`chaos figures:\n${figures.map((r) => JSON.stringify(r)).join('\n')}`);
  await f?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function linksOf(sciId: string) {
  return f.prisma.link.findMany({ where: { sciId }, orderBy: { zohoRecordId: 'asc' } });
}

/** Every record linked exactly once, each to its own issue; returns the links. */
async function converged(sciId: string, recordIds: string[]) {
  const links = await until(async () => {
    const l = await linksOf(sciId);
    return l.length >= recordIds.length ? l : undefined;
  }, `${recordIds.length} links of ${sciId}`);
  expect(links.map((l) => l.zohoRecordId).sort()).toEqual([...recordIds].sort());
  expect(new Set(links.map((l) => l.jiraIssueId)).size).toBe(recordIds.length);
  return links;
}

/**
 * A burst of Jira comments on linked issues (as Jira users would write them; the simulator delivers
 * each as a Forge product event through the load balancer), with `chaos` run once the burst is
 * under way. Asserts every comment reached Zoho exactly once and nothing echoed back into Jira.
 */
async function commentBurst(
  name: string,
  links: { jiraIssueKey: string; zohoRecordId: string }[],
  chaos: () => Promise<void>,
) {
  const jira = f.cluster.jira;
  const before = jira.control.calls().filter((c) => c.method === 'POST' && /\/comment$/.test(c.path)).length;
  const started = Date.now();
  const texts: { key: string; record: string; text: string }[] = [];
  const total = 60;
  let chaosDone: Promise<void> | undefined;
  for (let i = 0; i < total; i++) {
    const link = links[i % links.length];
    const text = `[${name} comment #${i}]`;
    jira.control.as(DEMO_ACCOUNTS.alice).comment(link.jiraIssueKey, text);
    texts.push({ key: link.jiraIssueKey, record: link.zohoRecordId, text });
    if (i === total / 3) chaosDone = chaos();
    await sleep(50);
  }
  await chaosDone;
  const counts = await until(async () => {
    const c = texts.map((t) => {
      const comments = f.cluster.zoho.control.comments({ id: t.record, module: 'tasks' });
      return comments.filter((z) => JSON.stringify(z).includes(t.text)).length;
    });
    return c.every((n) => n >= 1) ? c : undefined;
  }, `${total} comments in Zoho (${name})`);
  await sleep(3_000); // late duplicates would land now
  const after = texts.map(
    (t) =>
      f.cluster.zoho.control
        .comments({ id: t.record, module: 'tasks' })
        .filter((z) => JSON.stringify(z).includes(t.text)).length,
  );
  const jiraCommentWrites =
    jira.control.calls().filter((c) => c.method === 'POST' && /\/comment$/.test(c.path)).length - before;
  const row = {
    scenario: name,
    events: total,
    lost: counts.filter((n) => n === 0).length,
    duplicatedZohoComments: after.filter((n) => n > 1).length,
    jiraCommentEchoes: jiraCommentWrites,
    convergedMs: Date.now() - started,
  };
  figures.push(row);
  expect(row).toMatchObject({ lost: 0, duplicatedZohoComments: 0, jiraCommentEchoes: 0 });
}

describe('chaos on two workers, two servers, temporal-server on PostgreSQL', () => {
  let links: { jiraIssueKey: string; zohoRecordId: string }[] = [];

  it('SIGKILL a worker mid-auto-create: every record gets exactly one Jira issue', async () => {
    const createsBefore = jiraCreates(f);
    const started = Date.now();
    const item = await autoCreatingItem(f, 'Chaos intake', 40);
    await f.admin('POST', `/api/admin/items/${item.sciId}/sync-now`);
    await until(async () => (jiraCreates(f) - createsBefore >= 8 ? true : undefined), 'auto-create under way');
    await f.cluster.workers[0].kill('SIGKILL');
    await sleep(1_000);
    await f.cluster.workers[0].start();
    const l = await converged(item.sciId, item.recordIds);
    await sleep(3_000);
    const creates = jiraCreates(f) - createsBefore;
    figures.push({
      scenario: 'worker SIGKILL mid-auto-create',
      records: 40,
      jiraCreates: creates,
      convergedMs: Date.now() - started,
    });
    expect(creates).toBe(40);
    links = l;
  });

  it('SIGKILL a worker mid-cycle of events, then restart it', async () => {
    await commentBurst('worker-kill', links, async () => {
      await f.cluster.workers[1].kill('SIGKILL');
      await sleep(2_000);
      await f.cluster.workers[1].start();
    });
  });

  it('restart the Temporal server during a burst of events', async () => {
    await commentBurst('temporal-restart', links, () => f.cluster.restartTemporal('SIGKILL'));
  });

  it('kill one API server during a burst of events', async () => {
    await commentBurst('server-kill', links, async () => {
      await f.cluster.servers[0].kill('SIGKILL');
      await sleep(3_000);
      await f.cluster.servers[0].start();
    });
  });

  it('restart PostgreSQL during a burst of events', async () => {
    await commentBurst('postgres-restart', links, () => f.cluster.restartPostgres());
  });
});
