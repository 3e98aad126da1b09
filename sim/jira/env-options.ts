/** JiraSimOptions from environment variables, for running the simulator as a process (sim/main.ts). */
import { z } from 'zod';
import type { JiraSimOptions } from './server';

const number = z.coerce.number().nonnegative();

const envSchema = z.object({
  JIRA_SIM_HOST: z.string().optional(),
  JIRA_SIM_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  JIRA_SIM_SEED: z.enum(['demo', 'empty']).optional(),
  /** `token=accountId,token2=accountId2` (default: the demo tokens). */
  JIRA_SIM_TOKENS: z.string().optional(),
  JIRA_SIM_SEARCH_LAG_MS: number.optional(),
  JIRA_SIM_RATE_BUDGET: z.coerce.number().int().positive().optional(),
  JIRA_SIM_RATE_WINDOW_MS: number.optional(),
  JIRA_SIM_RATE_CEILING: number.optional(),
  JIRA_SIM_EVENTS_URL: z.string().url().optional(),
  JIRA_SIM_EVENTS_FORMAT: z.enum(['forge', 'webhook']).optional(),
});

export function jiraSimOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): JiraSimOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid Jira simulator setting ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const tokens = e.JIRA_SIM_TOKENS
    ? Object.fromEntries(
        e.JIRA_SIM_TOKENS.split(',').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]),
      )
    : undefined;
  return {
    host: e.JIRA_SIM_HOST,
    port: e.JIRA_SIM_PORT,
    seed: e.JIRA_SIM_SEED,
    tokens,
    searchLagMs: e.JIRA_SIM_SEARCH_LAG_MS,
    rateLimit: {
      budget: e.JIRA_SIM_RATE_BUDGET,
      windowMs: e.JIRA_SIM_RATE_WINDOW_MS,
      ceilingPerSecond: e.JIRA_SIM_RATE_CEILING,
    },
    events: e.JIRA_SIM_EVENTS_URL
      ? { eventsUrl: e.JIRA_SIM_EVENTS_URL, eventsFormat: e.JIRA_SIM_EVENTS_FORMAT }
      : undefined,
    logger: true,
  };
}
