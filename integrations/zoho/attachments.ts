/**
 * Attachments of a task or issue: list, streamed download, two-step upload. Evidence on list shapes
 * is mixed (zoho.md): files are identified by `third_party_file_id` (WorkDrive), some live records
 * carry `attachment_id: "-1"`, most carry a `download_url`. Keys are chosen in ./map.ts
 * (toZohoAttachment); downloads use download_url when present, else WorkDrive's download API.
 */
import { HttpFailure } from '../http/failures';
import { multipartBody } from '../http/multipart';
import type { FileDownload, FileUpload } from '../http/types';
import { idOf, isObj, toZohoAttachment } from './map';
import type { ZohoTransport } from './transport';
import type { ZohoAttachment } from './types';

type Json = Record<string, unknown>;

/** WorkDrive's Download File API on the data center's download server (OAuth header, WorkDrive.files.READ). */
export const workdriveDownloadUrl = (workdriveOrigin: string, fileId: string): string =>
  `${workdriveOrigin}/v1/workdrive/download/${encodeURIComponent(fileId)}`;

function attachmentRows(body: unknown): Json[] {
  if (!isObj(body)) return [];
  return [body.attachment, body.attachments].flatMap((v) => (Array.isArray(v) ? v.filter(isObj) : []));
}

export async function listAttachments(t: ZohoTransport, recordUrl: string): Promise<ZohoAttachment[]> {
  const body = await t.json({ method: 'GET', url: `${recordUrl}/attachments`, allow404: true });
  return attachmentRows(body).map(toZohoAttachment);
}

export async function downloadAttachment(
  t: ZohoTransport,
  workdriveOrigin: string,
  att: Pick<ZohoAttachment, 'downloadUrl' | 'fileId'>,
): Promise<FileDownload> {
  const url = att.downloadUrl ?? (att.fileId ? workdriveDownloadUrl(workdriveOrigin, att.fileId) : undefined);
  if (!url) {
    throw new HttpFailure(
      'zoho',
      200,
      'client',
      'Zoho Projects listed an attachment with neither a download_url nor a third_party_file_id: it cannot be downloaded',
      false,
    );
  }
  const res = await t.raw({ method: 'GET', url });
  const len = Number(res.headers['content-length']);
  return {
    stream: res.body,
    contentType: res.headers['content-type'] ?? 'application/octet-stream',
    ...(Number.isFinite(len) && res.headers['content-length'] !== undefined ? { size: len } : {}),
  };
}

/**
 * Step 1 uploads to the portal (`upload_file`, WorkDrive storage), step 2 associates the attachment
 * id with the record. The returned id is the stable key: the associated entry's third_party_file_id
 * when step 2 answers with it, else the attachment id.
 */
export async function uploadAttachment(
  t: ZohoTransport,
  portalUrl: string,
  recordUrl: string,
  file: FileUpload,
): Promise<{ id: string }> {
  // A stream cannot be replayed: one attempt per activity try.
  let used = false;
  const up = await t.json({
    method: 'POST',
    url: `${portalUrl}/attachments`,
    body: () => {
      if (used)
        throw new HttpFailure(
          'zoho',
          'network',
          'network',
          'Zoho Projects upload must be restarted (stream already consumed)',
          true,
        );
      used = true;
      return multipartBody([
        { name: 'attachment_details[storage_type]', value: 'WorkDrive' },
        {
          name: 'upload_file',
          filename: file.name,
          contentType: file.contentType,
          stream: file.stream,
          size: file.size,
        },
      ]);
    },
  });
  const attId = attachmentRows(up).map((a) => idOf(a))[0];
  if (!attId)
    throw new HttpFailure(
      'zoho',
      200,
      'client',
      'Zoho Projects upload returned no attachment id',
      false,
      undefined,
      up,
    );
  const linked = await t.json({
    method: 'POST',
    url: `${recordUrl}/attachments`,
    body: () => multipartBody([{ name: 'attachment_ids', value: JSON.stringify([attId]) }]),
  });
  const entry = attachmentRows(linked)
    .map(toZohoAttachment)
    .find((a) => a.attachmentId === attId);
  return { id: entry?.fileId ?? attId };
}
