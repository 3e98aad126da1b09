export { startZohoSim, buildZohoSimApp, type ZohoSim } from './server';
export {
  ZOHO_PRODUCT_SCOPES,
  DEFAULT_SWITCHES,
  type ZohoSimOptions,
  type ZohoSimSwitches,
  type ZohoRateLimitOptions,
} from './config';
export type { SimClockSource } from './clock';
export type { ZohoSimControl, ZohoRecordRef } from './control';
export type { ZohoCallLogEntry } from './call-log';
export type { ZohoFaultSpec, ZohoFaultKind } from './faults';
export type { ZohoSimState } from './store';
export type { Json, ZohoModule, ZohoStatus, ZohoUser } from './model';
export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PORTAL_ID,
  DEMO_PORTAL_NAME,
  DEMO_PROJECT_IDS,
  DEMO_USERS,
  seedTenant,
} from './demo-tenant';
export { addProject, seedItems, type SeedItemsOptions } from './demo-projects';
export { loadDemoData } from './demo-data';
