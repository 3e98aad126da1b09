/**
 * The Jira and Zoho simulators with demo data, wired to a local server the way a real site is:
 * Jira user actions reach `serverUrl` as Forge product events signed with the dev FIT key, and
 * `appEnv` is what the server and worker need to use them (dev console included). Shared by
 * `npm run dev` and `npm run cluster`.
 */
import { DEV_APP_ID, signDevFit } from '../../server/dev/dev-keys';
import { DEV_INSTALLATION_ID } from '../../server/routes/dev-console';
import { startJiraSim, type JiraSim, type JiraSimOptions } from '../../sim/jira';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startZohoSim, type ZohoSim } from '../../sim/zoho';

export interface DemoSimulators {
  jira: JiraSim;
  zoho: ZohoSim;
  appEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function startDemoSimulators(o: {
  /** Where the Forge events go (the server, or the load balancer in front of several). */
  serverUrl: string;
  eventRetryDelayMs: number;
  jira?: JiraSimOptions;
  zoho?: Parameters<typeof startZohoSim>[0];
}): Promise<DemoSimulators> {
  let jiraApiBase = '';
  const jira = await startJiraSim({
    seed: 'demo',
    ...o.jira,
    events: {
      eventsUrl: `${o.serverUrl}/forge/events`,
      eventsFormat: 'forge',
      eventRetryDelayMs: o.eventRetryDelayMs,
      eventHeaders: async () => ({
        authorization: `Bearer ${await signDevFit({
          installationId: DEV_INSTALLATION_ID,
          apiBaseUrl: jiraApiBase,
          moduleType: 'core:trigger',
          moduleKey: 'zoho-connector-issue-events',
        })}`,
        'x-forge-oauth-system': 'sim-system-token',
      }),
    },
  });
  jiraApiBase = jira.apiBaseUrl;
  const zoho = await startZohoSim({ demo: true, ...o.zoho });
  return {
    jira,
    zoho,
    appEnv: {
      FORGE_APP_ID: DEV_APP_ID,
      FORGE_JWKS_URL: `${o.serverUrl}/dev/jwks.json`,
      DEV_CONSOLE: 'true',
      JIRA_SIM_URL: jira.url,
      // The dev console shows the Zoho simulator's demo Self Client (the server never imports sim/).
      DEV_ZOHO_CLIENT_ID: DEMO_CLIENT_ID,
      DEV_ZOHO_CLIENT_SECRET: DEMO_CLIENT_SECRET,
      ZOHO_ACCOUNTS_URL: zoho.url,
      ZOHO_API_URL: zoho.url,
      ZOHO_WEB_URL: zoho.url,
    },
    async close() {
      await Promise.allSettled([jira.close(), zoho.close()]);
    },
  };
}
