/** Direct calls of the server's HTTP API with dev-signed FITs (test set-up that is not under test). */
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../../sim/zoho';
import { signDevFit } from '../../../server/dev/dev-keys';
import type { Stack } from './stack';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export async function callAs<T = unknown>(
  stack: Stack,
  module: 'admin' | 'panel',
  method: string,
  path: string,
  body?: object,
  issue?: { id: string; key: string; projectId: string; projectKey: string; typeId: string },
): Promise<ApiAnswer<T>> {
  const issueContext = issue ? { id: issue.id, key: issue.key, typeId: issue.typeId } : undefined;
  const token = await signDevFit({
    installationId: stack.installationId,
    apiBaseUrl: stack.jira.apiBaseUrl,
    ttlSeconds: 60,
    moduleType: module === 'admin' ? 'jira:adminPage' : 'jira:issuePanel',
    moduleKey: module === 'admin' ? 'zoho-connector-admin' : 'zoho-connector-panel',
    principal: '5b10a2844c20165700ede21g',
    issue: issueContext,
    project: issue ? { id: issue.projectId, key: issue.projectKey } : undefined,
  });
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'x-forge-oauth-system': 'sim-system-token',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Connects the stack's installation to the Zoho simulator's demo Self Client. */
export async function connectZoho(stack: Stack): Promise<void> {
  const code = stack.zoho.control.generateCode({ clientId: DEMO_CLIENT_ID });
  const res = await callAs(stack, 'admin', 'PUT', '/api/admin/connection', {
    dataCenter: 'eu',
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    code,
  });
  if (res.status !== 200) throw new Error(`connect failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function createItem(stack: Stack, body: object): Promise<{ id: string; name: string }> {
  const res = await callAs<{ id: string; name: string }>(stack, 'admin', 'POST', '/api/admin/items', body);
  if (res.status !== 201) throw new Error(`create item failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A manual link between a Jira issue and a Zoho record, as the panel's Link button leaves it. */
export function linkManually(
  stack: Stack,
  sciId: string,
  issue: { id: string; key: string },
  zohoRecordId: string,
): Promise<{ id: string }> {
  return stack.prisma.link.create({
    data: {
      installationId: stack.installationId,
      sciId,
      jiraIssueId: issue.id,
      jiraIssueKey: issue.key,
      zohoRecordId,
      origin: 'manual',
    },
  });
}

/** The issue's summary as the Jira simulator holds it now. */
export async function jiraSummary(stack: Stack, issueId: string): Promise<string> {
  const res = await fetch(`${stack.jira.apiBaseUrl}/rest/api/3/issue/${issueId}?fields=summary`, {
    headers: { authorization: 'Bearer sim-system-token' },
  });
  return ((await res.json()) as { fields: { summary: string } }).fields.summary;
}
