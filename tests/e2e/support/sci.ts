/** Creating Smart Connected Items (rows) for tests, and running one cycle to completion. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../store/prisma';
import type { SyncItemResult } from '../../../workflows/sync-item';
import { DEMO_PORTAL_ID, DEMO_PORTAL_NAME } from '../../../sim/zoho';

export interface SciSpec {
  installationId: string;
  name?: string;
  mode: 'display_only' | 'one_way' | 'two_way' | 'custom';
  projectId: string;
  module?: 'tasks' | 'issues';
  jiraProjectId?: string;
  jiraIssueTypeId?: string;
  autoCreate?: boolean;
  syncStatus?: boolean;
  syncComments?: boolean;
  syncAttachments?: boolean;
  enabled?: boolean;
  mappings?: Array<{ jiraFieldId: string; zohoFieldId: string; owner?: 'zoho' | 'jira' | 'both' }>;
  rule?: {
    zohoFieldId: string;
    operator: 'equals' | 'not_equals' | 'is_empty' | 'is_not_empty';
    value?: string;
    metJiraStatusId: string;
    notMetJiraStatusId?: string;
    createIssueWhenNotMet?: boolean;
  };
}

export async function createSci(prisma: PrismaClient, spec: SciSpec): Promise<string> {
  const row = await prisma.smartConnectedItem.create({
    data: {
      installationId: spec.installationId,
      name: spec.name ?? `SCI ${randomUUID().slice(0, 8)}`,
      mode: spec.mode,
      enabled: spec.enabled ?? true,
      zohoPortalId: DEMO_PORTAL_ID,
      zohoPortalName: DEMO_PORTAL_NAME,
      zohoProjectId: spec.projectId,
      zohoModule: spec.module ?? 'tasks',
      jiraProjectIds: [spec.jiraProjectId ?? '10000'],
      jiraProjectKeys: ['OPS'],
      jiraIssueTypeId: spec.jiraIssueTypeId ?? '10001',
      autoCreate: spec.autoCreate ?? false,
      syncStatus: spec.syncStatus ?? false,
      syncComments: spec.syncComments ?? false,
      syncAttachments: spec.syncAttachments ?? false,
      mappings: {
        create: (spec.mappings ?? []).map((m, i) => ({
          position: i,
          jiraFieldId: m.jiraFieldId,
          zohoFieldId: m.zohoFieldId,
          owner: m.owner ?? 'both',
        })),
      },
      ...(spec.rule
        ? { rule: { create: { ...spec.rule, createIssueWhenNotMet: spec.rule.createIssueWhenNotMet ?? false } } }
        : {}),
    },
  });
  return row.id;
}

let seq = 0;
/** Runs one cycle of the SCI as a workflow (same code path as the schedule) and returns its result. */
export async function runCycle(client: Client, taskQueue: string, sciId: string): Promise<SyncItemResult> {
  seq += 1;
  return client.workflow.execute('syncItem', {
    taskQueue,
    workflowId: `sync:${sciId}:test-${seq}-${Date.now()}`,
    args: [{ sciId }],
  }) as Promise<SyncItemResult>;
}

/** A Jira link row for a manual link (what the panel stores). */
export async function linkManually(
  prisma: PrismaClient,
  input: {
    installationId: string;
    sciId: string;
    jiraIssueId: string;
    jiraIssueKey: string;
    zohoRecordId: string;
  },
): Promise<string> {
  const row = await prisma.link.create({ data: { ...input, origin: 'manual' } });
  return row.id;
}
