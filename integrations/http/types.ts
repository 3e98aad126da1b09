/** Shared shapes of the outbound HTTP layer (Zoho and Jira clients). */
import type { Readable } from 'node:stream';

export type FailureKind = 'ok' | 'rate_limited' | 'server' | 'network' | 'auth' | 'client';

/** The one retry decision for every outbound call (see ./classify.ts). */
export interface Classification {
  retry: boolean;
  /** How long to wait before the next attempt, when the server told us (or we know better). */
  waitMs?: number;
  /** Human-readable: HTTP status + the API's own error text. Never contains tokens. */
  reason: string;
  kind: FailureKind;
}

/** Called once per HTTP exchange, so the sync can count Zoho/Jira calls per cycle. */
export type OnCall = (origin: string, method: string, path: string, status: number | 'network') => void;

/** A file travelling through the connector: always streamed, never buffered whole. */
export interface FileUpload {
  name: string;
  size: number;
  contentType: string;
  stream: Readable;
}

export interface FileDownload {
  stream: Readable;
  size?: number;
  contentType: string;
}
