/** The pure sync core is bundled into Temporal workflows: no I/O, no Node built-ins, no clocks or randomness. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CORE = join(__dirname, '../../workflows/core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['Node built-ins', /from ['"](node:|fs|path|crypto|os|http|https|net|child_process|util|events|stream)['"]/],
  ['HTTP or database clients', /from ['"](undici|@prisma\/client|pg|@temporalio\/[a-z]+)['"]/],
  ['Date.now()', /Date\.now\(/],
  ['Math.random()', /Math\.random\(/],
  ['new Date() without an argument', /new Date\(\)/],
  ['process access', /\bprocess\./],
];

describe('pure sync core stays deterministic and free of I/O', () => {
  const files = sources(CORE);
  it('has sources to check', () => expect(files.length).toBeGreaterThan(10));
  it.each(FORBIDDEN)('no %s', (_what, pattern) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(CORE, f));
    expect(offenders).toEqual([]);
  });
  it.each(files.map((f) => [relative(CORE, f), f]))('%s stays under about 300 lines', (_name, file) => {
    expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThan(320);
  });
});
