import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { V3Error, v3Errors } from '../errors';
import { associateAttachments, attachmentView, removeAttachment, storeUpload } from '../item-actions';
import { ZOHO_MODULES } from '../model';
import { requireItem } from './item-routes';
import { requirePortal } from './portal-routes';

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.headers.host}`;

/** Two-step upload (portal upload, then association), list, delete and streamed download. */
export async function attachmentRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  await app.register(multipart, { limits: { fileSize: state.config.attachmentMaxBytes, files: 20 } });

  // Step 1: POST /portal/{P}/attachments, multipart `upload_file` (+ attachment_details[...] ignored).
  app.post('/api/v3/portal/:portalId/attachments', { config: { zohoScopes: SCOPES.upload } }, async (req) => {
    requirePortal(state, req);
    if (!req.isMultipart()) throw v3Errors.invalidValue('upload_file', 'multipart/form-data expected.');
    const stored: { attachment_id: string }[] = [];
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'upload_file') {
        part.file.resume();
        throw v3Errors.extraKey([part.fieldname]);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated)
        throw new V3Error(413, 'FILE_SIZE_EXCEEDED', 'FIELDS_VALIDATION_ERROR', [
          { message: 'File too large.', field_name: 'upload_file' },
        ]);
      const att = storeUpload(state, {
        name: part.filename,
        contentType: part.mimetype,
        content: Buffer.concat(chunks),
        uploader: req.zohoUser!,
      });
      stored.push({ attachment_id: att.id });
    }
    if (!stored.length) throw v3Errors.missing('upload_file');
    return { attachment: stored };
  });

  // WorkDrive's download API (OAuth header, checked by the guard): the documented download-server path
  // and the /api/v1/download form public V3 integrations use. Served here so one sim plays every host.
  for (const path of ['/v1/workdrive/download/:fileId', '/api/v1/download/:fileId']) {
    app.get(path, { config: { zohoScopes: SCOPES.download } }, async (req, reply) => {
      const { fileId } = req.params as { fileId: string };
      const att = [...state.attachments.values()].find((a) => a.fileId === fileId);
      if (!att) throw v3Errors.notFound('File');
      const chunkSize = 64 * 1024;
      const chunks = function* () {
        for (let i = 0; i < att.content.length; i += chunkSize) yield att.content.subarray(i, i + chunkSize);
      };
      reply.header('content-type', att.contentType).header('content-length', String(att.content.length));
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(att.name)}"`);
      return reply.send(Readable.from(chunks()));
    });
  }

  for (const module of ZOHO_MODULES) {
    const coll = `/api/v3/portal/:portalId/projects/:projectId/${module}/:itemId/attachments`;

    app.get(coll, { config: { zohoScopes: SCOPES.read(module) } }, async (req) => {
      const item = requireItem(state, req, module);
      return { attachment: item.attachmentIds.map((id) => attachmentView(state.attachments.get(id)!, baseUrl(req))) };
    });

    // Step 2: multipart field attachment_ids='["id", …]' (task variant UNCONFIRMED).
    app.post(coll, { config: { zohoScopes: SCOPES.update(module) } }, async (req) => {
      const item = requireItem(state, req, module);
      if (!req.isMultipart()) throw v3Errors.invalidValue('attachment_ids', 'multipart/form-data expected.');
      let raw: string | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          part.file.resume();
          throw v3Errors.extraKey([part.fieldname]);
        }
        if (part.fieldname === 'attachment_ids') raw = String(part.value);
        else throw v3Errors.extraKey([part.fieldname]);
      }
      if (!raw) throw v3Errors.missing('attachment_ids');
      let ids: unknown;
      try {
        ids = JSON.parse(raw);
      } catch {
        throw v3Errors.invalidValue('attachment_ids', 'attachment_ids must be a JSON array string.');
      }
      if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string'))
        throw v3Errors.invalidValue('attachment_ids', 'attachment_ids must be a JSON array of id strings.');
      const err = associateAttachments(state, item, ids as string[]);
      if (err) throw err;
      return { attachment: (ids as string[]).map((id) => attachmentView(state.attachments.get(id)!, baseUrl(req))) };
    });

    app.delete(`${coll}/:attachmentId`, { config: { zohoScopes: SCOPES.update(module) } }, async (req, reply) => {
      const item = requireItem(state, req, module);
      removeAttachment(state, item, (req.params as { attachmentId: string }).attachmentId);
      return reply.code(204).send();
    });
  }
}
