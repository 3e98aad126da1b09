import type { ZohoCallLog, ZohoCallLogEntry } from './call-log';
import type { ZohoFaults } from './faults';
import type { ZohoUser } from './model';
import type { AccessGrant, ZohoOAuth } from './oauth';
import type { ZohoRateLimiter } from './rate-limit';
import type { ZohoSimState } from './store';

/** What every route plugin of the simulator works with. */
export interface ZohoSimContext {
  state: ZohoSimState;
  oauth: ZohoOAuth;
  limiter: ZohoRateLimiter;
  faults: ZohoFaults;
  log: ZohoCallLog;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scopes any one of which lets a token call the route (zoho-sim). */
    zohoScopes?: readonly string[];
  }
  interface FastifyRequest {
    zohoUser?: ZohoUser;
    zohoGrant?: AccessGrant;
    zohoCall?: ZohoCallLogEntry;
    zohoDropResponse?: boolean;
  }
}

/** Scope alternatives per kind of call (UNCONFIRMED where zoho.md is silent). */
export const SCOPES = {
  portals: ['ZohoProjects.portals.READ'],
  projects: ['ZohoProjects.projects.READ'],
  users: ['ZohoProjects.users.READ'],
  milestones: ['ZohoProjects.milestones.READ'],
  timelogs: ['ZohoProjects.timesheets.READ', 'ZohoProjects.tasks.READ'],
  search: ['ZohoProjects.search.READ'],
  settings: ['ZohoProjects.custom_fields.READ', 'ZohoProjects.status.READ'],
  read: (m: 'tasks' | 'issues') => [`ZohoProjects.${m === 'tasks' ? 'tasks' : 'bugs'}.READ`],
  create: (m: 'tasks' | 'issues') => [`ZohoProjects.${m === 'tasks' ? 'tasks' : 'bugs'}.CREATE`],
  update: (m: 'tasks' | 'issues') => [`ZohoProjects.${m === 'tasks' ? 'tasks' : 'bugs'}.UPDATE`],
  delete: (m: 'tasks' | 'issues') => [`ZohoProjects.${m === 'tasks' ? 'tasks' : 'bugs'}.DELETE`],
  upload: ['ZohoPC.files.CREATE', 'WorkDrive.files.ALL'],
  download: ['ZohoPC.files.READ', 'WorkDrive.files.READ', 'ZohoProjects.tasks.READ', 'ZohoProjects.bugs.READ'],
} as const;
