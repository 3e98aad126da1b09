/** The Zoho Projects API as the connector uses it. Implemented by ./client.ts over V3. */
import type { ZohoField, ZohoModule, ZohoRecord, ZohoStatus } from '../../workflows/core/model';
import type { FileDownload, FileUpload } from '../http/types';

/** One Zoho source: portal / project / module. All ids are strings (they exceed 2^53). */
export interface ZohoSource {
  portalId: string;
  /** Needed only for web links (recordUrl). */
  portalName?: string;
  projectId: string;
  module: ZohoModule;
}

export interface ZohoPortal {
  id: string;
  name: string;
  orgName?: string;
}
export interface ZohoProject {
  id: string;
  name: string;
  key?: string;
  status?: string;
}
export interface ZohoUser {
  id: string;
  zuid?: string;
  name: string;
  email?: string;
}
export interface ZohoModuleInfo {
  id: ZohoModule;
  name: string;
  synchronizable: boolean;
  autoCreate: boolean;
  statusSync: boolean;
  commentSync: boolean;
  attachmentSync: boolean;
}

export interface ZohoComment {
  id: string;
  /** HTML as Zoho stores it. */
  html: string;
  authorId?: string;
  authorName?: string;
  createdAt?: string;
  modifiedAt?: string;
}

export interface ZohoAttachment {
  /**
   * The file's stable key: its WorkDrive `third_party_file_id`, else `attachment_id` (unless it is the
   * sentinel "-1" seen on live records), else its download_url. Mirrors are recorded under it.
   */
  id: string;
  /** An `attachment_id` the file may have been recorded under earlier (mirrors made before keys changed). */
  attachmentId?: string;
  /** WorkDrive resource id: downloads go through WorkDrive's download API when there is no download_url. */
  fileId?: string;
  name: string;
  size?: number;
  contentType?: string;
  downloadUrl?: string;
  createdAt?: string;
  /** Uploader's zuid (or zpuid) and email, when Zoho says. */
  uploaderId?: string;
  uploaderEmail?: string;
}

export interface ListRecordsOptions {
  /** 1-based. */
  page: number;
  /** ≤ 200. */
  perPage: number;
  /** Ask the server to order by last modified time, newest first (`sort_by=DESC(last_modified_time)`). */
  sortByModified?: boolean;
  /**
   * ISO time: sent as the Filter Guide's day filter (see ./modified-filter.ts); the page is always
   * filtered to exact times client-side too. A Zoho that refuses the filter answers 400 (isFilterRefusal).
   */
  modifiedAfter?: string;
}

export interface RecordPage {
  records: ZohoRecord[];
  hasNextPage: boolean;
  /** With modifiedAfter: this page held records at or before that time (dropped client-side). */
  olderSeen?: boolean;
}

/** A partial update in Zoho's V3 shape, e.g. `{ name: 'x', status: { id: '1' } }`. */
export type ZohoPatch = Record<string, unknown>;

export interface ZohoApi {
  listPortals(): Promise<ZohoPortal[]>;
  listProjects(portalId: string): Promise<ZohoProject[]>;
  listModules(): ZohoModuleInfo[];
  listFields(portalId: string, projectId: string, module: ZohoModule): Promise<ZohoField[]>;
  listStatuses(portalId: string, projectId: string, module: ZohoModule): Promise<ZohoStatus[]>;
  listRecords(src: ZohoSource, opts: ListRecordsOptions): Promise<RecordPage>;
  getRecord(src: ZohoSource, id: string): Promise<ZohoRecord | null>;
  searchRecords(src: ZohoSource, term: string): Promise<ZohoRecord[]>;
  updateRecord(src: ZohoSource, id: string, patch: ZohoPatch): Promise<ZohoRecord | null>;
  listComments(src: ZohoSource, id: string): Promise<ZohoComment[]>;
  addComment(src: ZohoSource, id: string, html: string): Promise<{ id: string }>;
  /** PATCH …/comments/{commentId} with new HTML. */
  updateComment(src: ZohoSource, id: string, commentId: string, html: string): Promise<void>;
  /** DELETE …/comments/{commentId}; a comment that is already gone (404) is not an error. */
  deleteComment(src: ZohoSource, id: string, commentId: string): Promise<void>;
  listAttachments(src: ZohoSource, id: string): Promise<ZohoAttachment[]>;
  /** Streams the file: its download_url when present, otherwise WorkDrive's download API by fileId. */
  downloadAttachment(att: Pick<ZohoAttachment, 'downloadUrl' | 'fileId'>): Promise<FileDownload>;
  /** Two-step upload; the returned id is the attachment's stable key (see ZohoAttachment.id). */
  uploadAttachment(src: ZohoSource, id: string, file: FileUpload): Promise<{ id: string }>;
  listFollowers(src: ZohoSource, id: string): Promise<ZohoUser[]>;
  /**
   * Records associated with a task (its issues) or an issue (its tasks); [] for other modules.
   * Each record carries its own module. Paths UNCONFIRMED, kept in ./associations.ts.
   */
  listAssociatedRecords(src: ZohoSource, id: string): Promise<ZohoRecord[]>;
  listUsers(portalId: string): Promise<ZohoUser[]>;
  /** Web link to the record in Zoho Projects (V3 objects carry none). */
  recordUrl(src: ZohoSource, record: ZohoRecord): string;
}
