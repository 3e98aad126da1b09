/**
 * The one client registry of a process (server and worker alike): per installation, Zoho and Jira
 * clients built from the stored (encrypted) credentials over shared connection pools. Zoho: one
 * client, token provider and call budget (shared by all processes) per connection, following the stored connection (see
 * zoho-clients.ts); the access token cache lives encrypted on the ZohoConnection row, so every
 * process shares it. Jira: the system token re-read from the store, briefly cached; one pace per
 * site shared by all processes (shared-jira-pace.ts).
 */
import { createHttpClient } from '../integrations/http/request';
import type { OnCall } from '../integrations/http/types';
import { providerCalls, providerThrottled } from '../metrics/registry';
import type { JiraApi } from '../integrations/jira/types';
import type { ZohoHostOverrides } from '../integrations/zoho/data-centers';
import type { ZohoApi } from '../integrations/zoho/types';
import type { PrismaClient } from '../store/prisma';
import type { SecretBox } from '../store/secrets';
import { createJiraClients } from './jira-clients';
import { createSharedJiraPacers, type JiraPacers } from './shared-jira-pace';
import type { BudgetLane } from '../store/zoho-call-ledger';
import { createSharedZohoBudgets } from './shared-zoho-budgets';
import type { ZohoBudgets } from './zoho-budgets';
import { createZohoClients } from './zoho-clients';

export { ZohoNotConnectedError } from './zoho-clients';

export interface ClientRegistryOptions {
  prisma: PrismaClient;
  secrets: SecretBox;
  zohoOverrides?: ZohoHostOverrides;
  /** Dev/sim: replaces every installation's Jira apiBaseUrl. */
  jiraApiBaseOverride?: string;
  /** ZOHO_BUDGET_PER_2MIN: Zoho calls per 2 minutes per connection, all processes together (default 80). */
  zohoBudgetPer2Min?: number;
  /** This process's lane in the shared Zoho budget and Jira pace: 'interactive' for the server, 'background' (default) for workers. */
  zohoBudgetLane?: BudgetLane;
  /** Where call budgets come from; default the budget shared through PostgreSQL (shared-zoho-budgets.ts). */
  zohoBudgets?: ZohoBudgets;
  /** Jira paces per site; default shared through PostgreSQL (shared-jira-pace.ts), in this process's lane. */
  jiraPacers?: JiraPacers;
}

export interface ClientRegistry {
  /** The installation's Zoho client as its connection is stored now; ZohoNotConnectedError when none. */
  zohoFor(installationId: string): Promise<ZohoApi>;
  /** A Jira client acting as the app (system token) for the installation. */
  jiraFor(installationId: string): Promise<JiraApi>;
  /** Closes the outbound connection pools. */
  close(): Promise<void>;
}

/** Every provider call counted by service and status (metrics); Jira 429s are its throttles. */
const countCalls =
  (service: 'zoho' | 'jira'): OnCall =>
  (_origin, _method, _path, status) => {
    providerCalls.inc({ service, status: String(status) });
    // Zoho throttles are counted where the budget pauses (429 and its HTTP 400 throttle alike).
    if (service === 'jira' && status === 429) providerThrottled.inc({ service });
  };

export function createClientRegistry(opts: ClientRegistryOptions): ClientRegistry {
  const zohoHttp = createHttpClient({ service: 'zoho', onCall: countCalls('zoho') });
  const jiraHttp = createHttpClient({ service: 'jira', onCall: countCalls('jira') });
  const zoho = createZohoClients({
    prisma: opts.prisma,
    secrets: opts.secrets,
    budgets:
      opts.zohoBudgets ??
      createSharedZohoBudgets({
        prisma: opts.prisma,
        lane: opts.zohoBudgetLane ?? 'background',
        limit: opts.zohoBudgetPer2Min,
      }),
    http: zohoHttp,
    overrides: opts.zohoOverrides,
  });
  const jira = createJiraClients({
    prisma: opts.prisma,
    secrets: opts.secrets,
    http: jiraHttp,
    jiraApiBaseOverride: opts.jiraApiBaseOverride,
    pacers:
      opts.jiraPacers ?? createSharedJiraPacers({ prisma: opts.prisma, lane: opts.zohoBudgetLane ?? 'background' }),
  });
  return {
    zohoFor: zoho.zohoFor,
    jiraFor: jira.jiraFor,
    async close() {
      await Promise.allSettled([zohoHttp.close(), jiraHttp.close()]);
    },
  };
}
