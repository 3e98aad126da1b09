/**
 * Runs both simulators as one process (`npm run sim`), with demo data.
 * Ports: JIRA_SIM_PORT (default 4010), ZOHO_SIM_PORT (default 4020). Ctrl-C stops them.
 */
import { z } from 'zod';
import { startJiraSim } from './jira';
import { startZohoSim } from './zoho';

const env = z.object({
  JIRA_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  ZOHO_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4020),
  JIRA_SIM_SEARCH_LAG_MS: z.coerce.number().int().min(0).default(1000),
}).parse(process.env);

async function main(): Promise<void> {
  const jira = await startJiraSim({ port: env.JIRA_SIM_PORT, seed: 'demo', searchLagMs: env.JIRA_SIM_SEARCH_LAG_MS });
  const zoho = await startZohoSim({ port: env.ZOHO_SIM_PORT, demo: true });
  console.log(`Jira Cloud simulator   ${jira.url}  (REST base ${jira.apiBaseUrl})`);
  console.log(`Zoho Projects simulator ${zoho.url}  (accounts + API V3)`);
  const stop = async (): Promise<void> => {
    await Promise.allSettled([jira.close(), zoho.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
