/**
 * Field and status metadata, fetched only when a cycle has work and cached per process for a few
 * minutes, so an idle cycle costs no Jira call and no extra Zoho call.
 */
import type { JiraField, JiraStatus, ZohoField, ZohoStatus } from '../workflows/core/model';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoApi, ZohoSource } from '../integrations/zoho/types';

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { at: now, value });
  value.catch(() => cache.delete(key));
  return value;
}

export function jiraFieldsFor(
  installationId: string,
  jira: JiraApi,
  projectId: string,
  issueTypeId: string | undefined,
): Promise<JiraField[]> {
  if (!issueTypeId) return Promise.resolve([]);
  return cached(`jira-fields|${installationId}|${projectId}|${issueTypeId}`, () =>
    jira.listFields(projectId, issueTypeId),
  );
}

export function zohoFieldsFor(installationId: string, zoho: ZohoApi, src: ZohoSource): Promise<ZohoField[]> {
  return cached(`zoho-fields|${installationId}|${src.portalId}|${src.projectId}|${src.module}`, () =>
    zoho.listFields(src.portalId, src.projectId, src.module),
  );
}

export function zohoStatusesFor(installationId: string, zoho: ZohoApi, src: ZohoSource): Promise<ZohoStatus[]> {
  return cached(`zoho-statuses|${installationId}|${src.portalId}|${src.projectId}|${src.module}`, () =>
    zoho.listStatuses(src.portalId, src.projectId, src.module),
  );
}

/** The statuses of a Jira project (all its workflows): whether a status name exists at all. */
export function jiraStatusesFor(installationId: string, jira: JiraApi, projectId: string): Promise<JiraStatus[]> {
  return cached(`jira-statuses|${installationId}|${projectId}`, () => jira.listStatuses(projectId));
}
