/** Date conversions between Zoho ("MM-dd-yyyy", ISO) and Jira ("yyyy-MM-dd", ISO with +0000). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
const ZOHO_US_DATE = /^(\d{2})-(\d{2})-(\d{4})(?:$|\s)/;

/** Any Zoho date (ISO, "MM-dd-yyyy", "MM-dd-yyyy hh:mm:ss AM", epoch ms) → "yyyy-MM-dd", or null. */
export function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return validDate(iso[1], iso[2], iso[3]);
  const us = ZOHO_US_DATE.exec(text);
  if (us) return validDate(us[3], us[1], us[2]);
  return null;
}

function validDate(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(Number(y), month - 1, day));
  return probe.getUTCDate() === day ? `${y}-${m}-${d}` : null;
}

/** "yyyy-MM-dd" → "MM-dd-yyyy" (Zoho classic format). */
export function isoToZohoUsDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}-${d}-${y}`;
}

/** Parse a timestamp (ISO with Z, ±hh:mm or Jira's ±hhmm; or epoch ms) → epoch ms, or null. */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || !value.trim()) return null;
  const normalised = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isFinite(ms) ? ms : null;
}

/** Epoch ms → Jira datetime "yyyy-MM-ddTHH:mm:ss.SSS+0000". */
export function toJiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
