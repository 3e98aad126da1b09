/** Panel "Refresh": re-sync one link now (Zoho → Jira) and return the fresh record preview. */
import { workflowInfo } from '@temporalio/workflow';
import { remote } from './activity-options';
import type { RefreshLinkInput } from './signals';

export async function refreshLink(input: RefreshLinkInput) {
  const info = workflowInfo();
  return remote.refreshLink({ linkId: input.linkId, workflowId: info.workflowId, runId: info.runId });
}
