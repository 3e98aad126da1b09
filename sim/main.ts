/**
 * Runs both simulators as one process (`npm run sim`), with demo data.
 * Ports: JIRA_SIM_PORT (default 4010; other JIRA_SIM_* settings in sim/jira/env-options.ts),
 * ZOHO_SIM_PORT (default 4020). Ctrl-C stops them.
 */
import { z } from 'zod';
import { jiraSimOptionsFromEnv, startJiraSim } from './jira';
import { startZohoSim } from './zoho';

const env = z
  .object({
    ZOHO_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4020),
  })
  .parse(process.env);

async function main(): Promise<void> {
  const fromEnv = Object.fromEntries(
    Object.entries(jiraSimOptionsFromEnv(process.env)).filter(([, v]) => v !== undefined),
  );
  const jira = await startJiraSim({ port: 4010, searchLagMs: 1000, ...fromEnv, logger: false });
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
