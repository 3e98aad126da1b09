/**
 * What the event scenarios share: a world of two-way pairs, Forge deliveries built from the Jira
 * simulator's product events (signed like Forge signs them), and a server process to send them to.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { DEMO_ACCOUNTS, type JiraSimEvent } from '../../sim/jira';
import { startHarness, type Harness } from '../../tests/e2e/support/harness';
import { createSci } from '../../tests/e2e/support/sci';
import { signDevFit } from '../../server/dev/dev-keys';
import { withLatency, type BenchOptions } from './common';
import { startEventServer, type EventServer } from './event-server-process';

export interface Pair {
  recordId: string;
  issueId: string;
  issueKey: string;
}

/** Two-way pairs for the event rows (Zoho limits raised: 500+ writes exceed a real Zoho user's 200 / 2 min). */
export async function eventWorld(h: Harness, n: number): Promise<Pair[]> {
  const projectId = h.zoho.control.addProject({ name: 'Events', prefix: 'EV' });
  const ids = h.zoho.control.seedItems({ projectId, count: n });
  const sciId = await createSci(h.prisma, {
    installationId: h.installationId,
    mode: 'two_way',
    projectId,
    mappings: [{ jiraFieldId: 'summary', zohoFieldId: 'name' }],
  });
  const pairs: Pair[] = [];
  for (const [i, id] of ids.entries()) {
    const issue = h.jira.control.seedIssue({
      projectKey: 'OPS',
      issueType: 'Task',
      fields: { summary: `Task ${i + 1}` },
    });
    pairs.push({ recordId: id, issueId: issue.id, issueKey: issue.key });
  }
  await h.prisma.link.createMany({
    data: pairs.map((p) => ({
      installationId: h.installationId,
      sciId,
      jiraIssueId: p.issueId,
      jiraIssueKey: p.issueKey,
      zohoRecordId: p.recordId,
      origin: 'manual' as const,
    })),
  });
  return pairs;
}

export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** A Jira edit by a user and the Forge event Jira builds for it (captured synchronously from the simulator). */
export function editAndCapture(h: Harness, issueId: string, summary: string): JiraSimEvent {
  let captured: JiraSimEvent | undefined;
  const off = h.jira.control.onEvent((e) => {
    captured = e;
  });
  try {
    h.jira.control.as(DEMO_ACCOUNTS.alice).editIssue(issueId, { summary });
  } finally {
    off();
  }
  if (!captured) throw new Error(`the Jira simulator built no event for the edit of ${issueId}`);
  return captured;
}

export interface Delivery {
  body: string;
  fit: string;
}
export interface Answer {
  status: number;
  outcome?: string;
  ms: number;
}

/** Forge's delivery of one product event: `{ payload, context }`, a FIT and the app system token. */
export async function prepare(h: Harness, event: JiraSimEvent, retry = 0): Promise<Delivery> {
  // FITs are signed before the timed part (Forge signs them, not us); long enough to outlive the run.
  const fit = await eventFitLong(h);
  const payload =
    retry > 0
      ? { ...event.forge, retryContext: { retryCount: retry, retryReason: 'FUNCTION_UPSTREAM_ERROR' } }
      : event.forge;
  return {
    body: JSON.stringify({ payload, context: { cloudId: h.jira.cloudId, moduleKey: 'zoho-connector-issue-events' } }),
    fit,
  };
}

export function eventFitLong(h: Harness): Promise<string> {
  return signDevFit({
    installationId: h.installationId,
    apiBaseUrl: h.jira.apiBaseUrl,
    moduleType: 'core:trigger',
    moduleKey: 'zoho-connector-issue-events',
    ttlSeconds: 600,
  });
}

export async function deliver(server: EventServer, agent: Agent, d: Delivery): Promise<Answer> {
  const t0 = performance.now();
  const res = await request(`${server.url}/forge/events`, {
    method: 'POST',
    dispatcher: agent,
    body: d.body,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${d.fit}`,
      'x-forge-oauth-system': 'sim-system-token',
    },
  });
  const text = await res.body.text();
  let outcome: string | undefined;
  try {
    outcome = (JSON.parse(text) as { outcome?: string }).outcome;
  } catch {
    outcome = undefined;
  }
  return { status: res.statusCode, outcome, ms: performance.now() - t0 };
}

/** The server's event relay counters (from /readyz). */
export async function relayStats(server: EventServer, agent: Agent): Promise<{ signalled: number; queued: number }> {
  const res = await request(`${server.url}/readyz`, { dispatcher: agent });
  const body = (await res.body.json()) as { events?: { signalled: number; queued: number } };
  return body.events ?? { signalled: NaN, queued: NaN };
}

/** The server logs at warn by default (BENCH_SERVER_LOG_LEVEL=info to compare): its three info lines per event measured ~0.45 ms CPU per event. */
export const serverLogLevel = () => process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn';

export async function withEventServer<T>(
  o: BenchOptions,
  run: (h: Harness, server: EventServer, agent: Agent) => Promise<T>,
  inProcessWorker = true,
): Promise<T> {
  const h = await startHarness(
    withLatency(o, { zohoBudgetLimit: 100_000, zoho: { rateLimit: { limit: 1_000_000 } }, inProcessWorker }),
  );
  let server: EventServer | undefined;
  const agent = new Agent({ connections: 64, pipelining: 1 });
  try {
    server = await startEventServer(h, { LOG_LEVEL: serverLogLevel() });
    return await run(h, server, agent);
  } finally {
    await agent.close();
    await server?.stop();
    await h.stop();
  }
}
