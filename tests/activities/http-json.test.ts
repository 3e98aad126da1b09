import { parseJsonSafe, quoteBigIntegers } from '../../integrations/http/json';
import { multipartBody } from '../../integrations/http/multipart';
import { Readable } from 'node:stream';

describe('JSON parsing never rounds 19-digit Zoho ids', () => {
  it('classic bare-number ids become exact strings', () => {
    const parsed = parseJsonSafe(
      '{"id":2447529000000057190,"id_string":"2447529000000057190","sequence":12,"pct":12.5,"neg":-2447529000000057191}',
    ) as Record<string, unknown>;
    expect(parsed.id).toBe('2447529000000057190');
    expect(parsed.neg).toBe('-2447529000000057191');
    expect(parsed.sequence).toBe(12);
    expect(parsed.pct).toBe(12.5);
  });

  it('leaves strings (with digits and escapes) untouched', () => {
    const text = '{"a":"2447529000000057190 \\"x\\" 9999999999999999999","b":[1e21, 9007199254740991]}';
    expect(quoteBigIntegers(text)).toBe(text);
  });

  it('empty body is undefined', () => {
    expect(parseJsonSafe('')).toBeUndefined();
  });
});

describe('multipart bodies are streamed with an exact length', () => {
  it('builds parts and computes Content-Length', async () => {
    const data = Buffer.from('hello world');
    const m = multipartBody([
      { name: 'meta', value: 'x' },
      {
        name: 'file',
        filename: 'a "b".txt',
        contentType: 'text/plain',
        stream: Readable.from([data]),
        size: data.length,
      },
    ]);
    const chunks: Buffer[] = [];
    for await (const c of m.body) chunks.push(c as Buffer);
    const all = Buffer.concat(chunks);
    expect(all.length).toBe(m.length);
    expect(all.toString()).toContain('hello world');
    expect(all.toString()).toContain('name="file"; filename="a %22b%22.txt"');
    expect(m.contentType).toMatch(/^multipart\/form-data; boundary=/);
  });
});
