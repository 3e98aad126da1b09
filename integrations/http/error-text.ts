/** The API's own error text, readable in the Temporal Web UI; tokens are scrubbed. */

const MAX = 500;

/** Removes anything that looks like a credential (OAuth tokens, bearer values, Zoho 1000.x tokens). */
export function redactSecrets(text: string): string {
  return text
    .replace(/(Zoho-oauthtoken|Bearer)\s+[^\s"',]+/gi, '$1 [redacted]')
    .replace(/\b1000\.[0-9a-f]{10,}\.[0-9a-f]{10,}\b/gi, '[redacted]')
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]');
}

function clip(text: string): string {
  const t = redactSecrets(text.trim());
  return t.length > MAX ? `${t.slice(0, MAX)}…` : t;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** Jira `errorMessages`/`errors`, Zoho V3 `error.title`/`details`, OAuth `error`, classic `error.message`. */
export function apiErrorText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return clip(body);
  if (typeof body !== 'object') return clip(String(body));
  const b = body as Record<string, unknown>;
  const parts: string[] = [];
  if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.filter((m): m is string => typeof m === 'string'));
  if (b.errors && typeof b.errors === 'object' && !Array.isArray(b.errors)) {
    for (const [field, msg] of Object.entries(b.errors as Record<string, unknown>)) {
      if (typeof msg === 'string') parts.push(`${field}: ${msg}`);
    }
  }
  const err = b.error;
  if (typeof err === 'string') {
    parts.push(err);
    const desc = str(b.error_description);
    if (desc) parts.push(desc);
  } else if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const head = str(e.title) ?? str(e.code as string) ?? str(e.error_type);
    if (head) parts.push(head);
    if (Array.isArray(e.details)) {
      for (const d of e.details) {
        if (d && typeof d === 'object') {
          const m = str((d as Record<string, unknown>).message);
          const f = str((d as Record<string, unknown>).field_name);
          if (m) parts.push(f ? `${f}: ${m}` : m);
        }
      }
    }
    const m = str(e.message);
    if (m) parts.push(m);
  }
  const msg = str(b.message);
  if (parts.length === 0 && msg) parts.push(msg);
  return parts.length ? clip(parts.join('; ')) : clip(JSON.stringify(body));
}
