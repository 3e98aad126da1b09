// Runs ESLint's import-boundary rule in a plain Node process (ESLint loads eslint.config.mjs with a
// dynamic import, which jest's VM does not allow). stdin: { cases: [{ filePath, code }], tree };
// stdout: { cases: string[][] (messages per case), tree: string[] (violations in the whole tree) }.
import { ESLint } from 'eslint';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '../..');
const input = JSON.parse(
  await new Promise((resolve) => {
    let data = '';
    process.stdin.on('data', (c) => (data += c)).on('end', () => resolve(data));
  }),
);
// Only the boundary rule, without type information (virtual files are not in the TS project), and
// with inline `eslint-disable` comments ignored: the boundaries hold with no exceptions.
const eslint = new ESLint({
  cwd: root,
  allowInlineConfig: false,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});
const cases = [];
for (const c of input.cases) {
  const [result] = await eslint.lintText(`${c.code}\nexport {};\n`, { filePath: join(root, c.filePath) });
  cases.push(result.messages.map((m) => m.message));
}
let tree = [];
let linted = 0;
if (input.tree) {
  const results = await eslint.lintFiles(['.']);
  linted = results.length;
  tree = results.flatMap((r) => r.messages.map((m) => `${relative(root, r.filePath)}:${m.line} ${m.message}`));
}
process.stdout.write(JSON.stringify({ cases, tree, linted }));
