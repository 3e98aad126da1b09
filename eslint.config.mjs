// Lint rules that protect the architecture: one direction of dependency between the top-level
// folders, deterministic workflows and no floating promises. tests/unit/import-boundaries.test.ts
// proves each boundary fires.
import tseslint from 'typescript-eslint';

// A relative import that climbs to a top-level folder, whatever the importer's depth.
const topLevel = (...dirs) => `^(\\.\\./)+(${dirs.join('|')})(/|$)`;
const forbid = (dirs, message) => ({ regex: topLevel(...dirs), message });

const NO_SIM = forbid(
  ['sim'],
  'Only sim/, tests/ and scripts/ may import the simulators; sim/ imports product facts, never the reverse.',
);

// Temporal replays workflow code: it must be deterministic and free of I/O.
const IO_MODULES = [
  'undici',
  '@prisma/client',
  'fs',
  'path',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'os',
  'pg',
];
const WORKFLOW_PATHS = IO_MODULES.map((name) => ({
  name,
  message: 'workflows/ must be deterministic: do I/O in activities/.',
}));
const WORKFLOW_PATTERNS = [
  { group: ['node:*'], message: 'workflows/ must not use Node built-ins.' },
  forbid(
    ['store', 'integrations', 'clients', 'server', 'worker', 'web', 'sim', 'prisma'],
    'workflows/ imports only the core, ids/signals and activity types: do I/O in activities/.',
  ),
  {
    regex: '^(\\.\\./)+activities(/index)?$',
    message: 'workflows/ may import activity types only (import type from activities/index).',
    allowTypeImports: true,
  },
  {
    regex: '^(\\.\\./)+activities/(?!index$)',
    message: 'workflows/ may import activity types only, from activities/index.',
  },
];

// The pure core: nothing with side effects, nothing outside workflows/core.
const CORE_PATTERNS = [
  ...WORKFLOW_PATTERNS,
  {
    group: ['@temporalio/*', 'undici', 'pg', '@prisma/*'],
    message: 'workflows/core/ is pure: no Temporal, HTTP or database.',
  },
  forbid(['activities', 'temporal.config'], 'workflows/core/ is pure: it imports nothing outside workflows/core.'),
];

const restrict = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'web/dist/**',
      'prisma/generated/**',
      'test-artifacts/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // Dependency direction. Later blocks replace earlier ones for the files they match, so each
  // folder's block carries the whole list that applies to it.
  restrict(['**/*.ts', '**/*.tsx'], [NO_SIM]),
  { files: ['sim/**', 'tests/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
  restrict(
    ['integrations/**/*.ts', 'store/**/*.ts'],
    [
      NO_SIM,
      forbid(
        ['server', 'activities', 'clients', 'worker', 'web'],
        'integrations/ and store/ sit below server/, activities/, clients/ and worker/: they never import them.',
      ),
    ],
  ),
  restrict(
    ['activities/**/*.ts'],
    [NO_SIM, forbid(['server', 'worker', 'web'], 'activities/ never imports server/ or worker/.')],
  ),
  restrict(
    ['web/**/*.ts', 'web/**/*.tsx'],
    [
      NO_SIM,
      forbid(
        ['activities', 'integrations', 'store', 'clients', 'worker'],
        'web/ runs in the browser: it imports only the core and the HTTP contract.',
      ),
      {
        regex: '^(\\.\\./)+server/(?!contract/)',
        message: 'web/ imports nothing server-side except the zod contract (server/contract/).',
      },
    ],
  ),
  restrict(['workflows/**/*.ts'], WORKFLOW_PATTERNS, WORKFLOW_PATHS),
  restrict(['workflows/core/**/*.ts'], CORE_PATTERNS, WORKFLOW_PATHS),
  // Relative imports leaving workflows/core, by the importer's depth inside it.
  ...['workflows/core/*.ts', 'workflows/core/*/*.ts'].map((files, depth) =>
    restrict(
      [files],
      [
        ...CORE_PATTERNS,
        {
          regex: `^(\\.\\./){${depth + 1}}`,
          message: 'workflows/core/ is pure: it imports nothing outside workflows/core.',
        },
      ],
      WORKFLOW_PATHS,
    ),
  ),
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message:
            'Use workflow time (Date inside the workflow sandbox is deterministic; prefer workflowInfo / passed-in now).',
        },
        { object: 'Math', property: 'random', message: 'Use uuid4() from @temporalio/workflow.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'process', message: 'No process access in workflows.' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
