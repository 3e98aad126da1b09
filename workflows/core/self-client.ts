/**
 * What the admin needs to create the Zoho Self Client, as data: the exact scope bundle of the
 * product guide ("Generate code and required scopes") and the API Console of each data center.
 * Pure data: the admin page shows it, the server and tests read the same table.
 */
import type { DataCenterId } from './data-centers';

/** In the guide's order; the Generate Code tab takes it as one comma-separated line. */
export const ZOHO_SCOPE_BUNDLE: readonly string[] = [
  'ZohoProjects.tasks.CREATE',
  'ZohoProjects.tasks.UPDATE',
  'ZohoProjects.bugs.CREATE',
  'ZohoProjects.bugs.UPDATE',
  'ZohoPC.files.CREATE',
  'ZohoPC.files.ALL',
  'WorkDrive.files.ALL',
  'ZohoProjects.portals.Read',
  'ZohoProjects.projects.Read',
  'ZohoProjects.activities.Read',
  'ZohoProjects.feeds.Read',
  'ZohoProjects.status.Read',
  'ZohoProjects.milestones.Read',
  'ZohoProjects.tasklists.Read',
  'ZohoProjects.tasks.Read',
  'ZohoProjects.bugs.Read',
  'ZohoProjects.events.Read',
  'ZohoProjects.forums.Read',
  'ZohoProjects.clients.Read',
  'ZohoProjects.users.Read',
  'ZohoProjects.documents.READ',
  'ZohoProjects.search.READ',
  'ZohoProjects.tags.Read',
  'ZohoProjects.calendar.Read',
  'ZohoProjects.integrations.Read',
  'ZohoProjects.projectgroups.Read',
  'ZohoProjects.entity_properties.Read',
  'ZohoProjects.custom_fields.READ',
  'ZohoPC.files.Read',
  'WorkDrive.workspace.Read',
  'WorkDrive.files.Read',
  'WorkDrive.team.Read',
  'AaaServer.profile.Read',
];

export const zohoScopeLine = (): string => ZOHO_SCOPE_BUNDLE.join(',');

/**
 * The Zoho API Console per data center. US is the guide's api-console.zoho.com; the others follow
 * Zoho's accounts domain of the DC (multi-DC OAuth page), UNCONFIRMED per console host.
 */
export const ZOHO_API_CONSOLES: Readonly<Record<DataCenterId, string>> = {
  us: 'https://api-console.zoho.com',
  eu: 'https://api-console.zoho.eu',
  in: 'https://api-console.zoho.in',
  au: 'https://api-console.zoho.com.au',
  jp: 'https://api-console.zoho.jp',
  cn: 'https://api-console.zoho.com.cn',
  uk: 'https://api-console.zoho.uk',
  ca: 'https://api-console.zohocloud.ca',
  sa: 'https://api-console.zoho.sa',
};
