/** Internal model of the simulated portal. JSON objects are stored in their V3 wire shape. */

export type ZohoModule = 'tasks' | 'issues';
export const ZOHO_MODULES: readonly ZohoModule[] = ['tasks', 'issues'];

export type Json = Record<string, unknown>;

export interface ZohoUser {
  zuid: string;
  zpuid: string;
  name: string;
  first_name: string;
  last_name: string;
  email: string;
  role: string;
}

/** Status type: UNCONFIRMED spelling; the product maps it to Jira categories new / indeterminate / done. */
export type ZohoStatusType = 'open' | 'inprogress' | 'closed';

export interface ZohoStatus {
  id: string;
  name: string;
  color: string;
  color_hexcode: string;
  is_closed_type: boolean;
  type: ZohoStatusType;
}

export interface ZohoPicklistOption {
  id: string;
  value: string;
  display_value: string;
}

export interface ZohoFieldDef {
  id: string;
  api_name: string;
  display_name: string;
  column_type: 'text' | 'picklist' | 'date' | 'user' | 'multiline' | 'number';
  is_custom_field: boolean;
  is_mandatory: boolean;
  options?: ZohoPicklistOption[];
}

export interface ZohoComment {
  id: string;
  json: Json;
}

/**
 * How a list entry of this attachment looks. Live data mixes them: a public export of 629 records had a
 * download_url on each and 50 with the sentinel attachment_id "-1"; the V3 docs identify the file by
 * third_party_file_id (WorkDrive) and show no download_url.
 */
export interface ZohoAttachmentShape {
  downloadUrl: boolean;
  sentinelId: boolean;
}

export interface ZohoAttachment {
  id: string;
  /** The WorkDrive resource id (third_party_file_id): the file's identity and its download key. */
  fileId: string;
  shape: ZohoAttachmentShape;
  name: string;
  contentType: string;
  content: Buffer;
  createdTime: string;
  uploadedBy: ZohoUser;
  /** Record it is associated with (none until the second upload step). */
  itemId?: string;
}

/** One task or issue. `json` is exactly what GET returns; `modifiedMs` orders it. */
export interface ZohoItem {
  id: string;
  module: ZohoModule;
  projectId: string;
  json: Json;
  modifiedMs: number;
  comments: ZohoComment[];
  attachmentIds: string[];
  followerZpuids: string[];
  /** Task ↔ issue associations (ids of records of the other module). See associations.ts. */
  associatedIds?: string[];
}

export interface ZohoProject {
  id: string;
  prefix: string;
  json: Json;
  counters: Record<ZohoModule, number>;
  tasklists: { id: string; name: string }[];
  milestones: Json[];
  timelogs: Json[];
}

export interface ZohoPortal {
  id: string;
  name: string;
  orgName: string;
}

export interface ZohoClient {
  clientId: string;
  clientSecret: string;
  /** The Zoho user who owns the Self Client; tokens act as this user. */
  userZuid: string;
}
