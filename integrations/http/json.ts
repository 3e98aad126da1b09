/**
 * JSON parsing that cannot round Zoho ids: integer literals beyond 2^53 become strings before
 * JSON.parse sees them (classic API `id`, `sequence` are bare numbers). Other numbers stay numbers.
 */

const SAFE_DIGITS = 15;

export function quoteBigIntegers(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  let last = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      if (c === 45) i++;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      const digits = i - start - (c === 45 ? 1 : 0);
      const next = text[i];
      const isInteger = next !== '.' && next !== 'e' && next !== 'E';
      while (i < n && /[0-9.eE+-]/.test(text[i])) i++;
      if (isInteger && digits > SAFE_DIGITS) {
        const literal = text.slice(start, i);
        if (!Number.isSafeInteger(Number(literal))) {
          out += text.slice(last, start) + `"${literal}"`;
          last = i;
        }
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

export function parseJsonSafe(text: string): unknown {
  if (text.trim() === '') return undefined;
  return JSON.parse(quoteBigIntegers(text));
}
