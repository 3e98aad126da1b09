/**
 * Streams a multipart/form-data body: text parts and file parts whose content is a Readable.
 * Nothing is buffered whole; Content-Length is exact when every file's size is known.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; stream: Readable; size?: number };

export interface MultipartBody {
  body: Readable;
  contentType: string;
  /** Set when all file sizes are known. */
  length?: number;
}

const quote = (s: string): string => s.replace(/[\r\n]/g, ' ').replace(/"/g, '%22');

export function multipartBody(parts: MultipartPart[]): MultipartBody {
  const boundary = `----zjc${randomBytes(12).toString('hex')}`;
  const chunks: Array<Buffer | Readable> = [];
  let length: number | undefined = 0;
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"; filename="${quote(part.filename)}"; filename*=UTF-8''${encodeURIComponent(part.filename)}\r\nContent-Type: ${part.contentType}\r\n\r\n`;
    const headBuf = Buffer.from(head, 'utf8');
    chunks.push(headBuf);
    if ('value' in part) {
      const v = Buffer.from(part.value, 'utf8');
      chunks.push(v);
      if (length !== undefined) length += headBuf.length + v.length + 2;
    } else {
      chunks.push(part.stream);
      if (length !== undefined) length = part.size === undefined ? undefined : length + headBuf.length + part.size + 2;
    }
    chunks.push(Buffer.from('\r\n'));
  }
  const tail = Buffer.from(`--${boundary}--\r\n`);
  chunks.push(tail);
  if (length !== undefined) length += tail.length;

  async function* generate(): AsyncGenerator<Buffer> {
    for (const c of chunks) {
      if (Buffer.isBuffer(c)) yield c;
      else for await (const piece of c) yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    }
  }
  return {
    body: Readable.from(generate(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    ...(length !== undefined ? { length } : {}),
  };
}
