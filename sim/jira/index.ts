/** Public surface of the Jira Cloud simulator. */
export { startJiraSim, buildJiraApp, type JiraSim, type JiraSimOptions } from './server';
export { jiraSimOptionsFromEnv } from './env-options';
export { jiraSimClient, type SimResponse } from './sim-client';
export type { JiraSimControl, JiraUserActions } from './control';
export type { JiraSimEvent, EventDelivery, EventDeliveryOptions } from './events';
export type { RateLimitOptions, RateLimitStats } from './rate-limit';
export type { OpenApiViolation } from './violations';
export { loadJiraSpecValidator, jiraSpecPath, type JiraSpecValidator } from './validator';
export {
  demoSeed,
  DEMO_ACCOUNTS,
  DEMO_FIELDS,
  DEMO_STATUS,
  DEMO_TRANSITIONS,
  DEMO_TOKENS,
  DEMO_API_TOKENS,
} from './demo-data';
export { JiraStore, JiraError } from './store';
export { adfFromText, adfToText } from './adf';
export type * from './types';
export type { FaultRule, FaultKind } from '../shared/fault-injector';
export type { CallLogEntry, CallLogFilter } from '../shared/control-call-log';
