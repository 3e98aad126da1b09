/**
 * Attachments: multipart upload (field `file`, `X-Atlassian-Token: no-check` required) consumed as a
 * stream, metadata, and content download (303 to a media URL by default, bytes with redirect=false).
 */
import type { FastifyInstance } from 'fastify';
import { actorOf, type JiraSimContext } from '../context';
import { addAttachment, requireAttachment } from '../issue-activity';
import { JiraError } from '../store';

export function attachmentRoutes(ctx: JiraSimContext) {
  const { store, render } = ctx;

  return async function plugin(app: FastifyInstance) {
    app.post('/rest/api/3/issue/:issueIdOrKey/attachments', async (request, reply) => {
      const { issueIdOrKey } = request.params as { issueIdOrKey: string };
      if (String(request.headers['x-atlassian-token'] ?? '').toLowerCase() !== 'no-check') {
        throw new JiraError(403, ['XSRF check failed']);
      }
      if (!request.isMultipart()) throw new JiraError(415, ['Attachments must be sent as multipart/form-data']);
      store.requireIssue(issueIdOrKey);
      const actor = actorOf(request);
      const created = [];
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated)
          throw new JiraError(413, [
            `The attachment '${part.filename}' is larger than ${ctx.maxAttachmentBytes} bytes.`,
          ]);
        if (part.fieldname !== 'file') continue;
        created.push(
          addAttachment(store, actor, issueIdOrKey, {
            filename: part.filename,
            mimeType: part.mimetype,
            content: Buffer.concat(chunks),
          }),
        );
      }
      if (created.length === 0)
        throw new JiraError(400, [
          "No attachments were found in the request (the multipart field must be named 'file').",
        ]);
      return reply.code(200).send(created.map((a) => render.attachment(a)));
    });

    app.get('/rest/api/3/attachment/:id', async (request) => {
      const attachment = requireAttachment(store, (request.params as { id: string }).id);
      return { ...render.attachment(attachment), id: Number(attachment.id), properties: {} };
    });

    app.delete('/rest/api/3/attachment/:id', async (request, reply) => {
      const attachment = requireAttachment(store, (request.params as { id: string }).id);
      store.attachments.delete(attachment.id);
      const issue = store.issue(attachment.issueId);
      if (issue) issue.attachmentIds = issue.attachmentIds.filter((id) => id !== attachment.id);
      return reply.code(204).send();
    });

    app.get('/rest/api/3/attachment/content/:id', async (request, reply) => {
      const attachment = requireAttachment(store, (request.params as { id: string }).id);
      const { redirect } = request.query as { redirect?: string };
      if (redirect !== 'false')
        return reply.code(303).header('Location', `${ctx.baseUrl}/_sim/media/${attachment.id}`).send();
      return reply
        .code(200)
        .type(attachment.mimeType)
        .header('Content-Disposition', `attachment; filename="${attachment.filename}"`)
        .send(attachment.content);
    });

    // Where the 303 points (like api.media.atlassian.com): pre-authorised, outside the REST API.
    app.get('/_sim/media/:id', async (request, reply) => {
      const attachment = requireAttachment(store, (request.params as { id: string }).id);
      return reply.code(200).type(attachment.mimeType).send(attachment.content);
    });
  };
}
