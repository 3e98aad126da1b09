// Lint rules that protect the architecture: deterministic workflows and no floating promises.
import tseslint from 'typescript-eslint';

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
  {
    // Temporal replays workflow code: it must be deterministic and free of I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
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
          ].map((name) => ({ name, message: 'workflows/ must be deterministic: do I/O in activities/.' })),
          patterns: [
            { group: ['node:*'], message: 'workflows/ must not use Node built-ins.' },
            {
              group: ['**/activities/*', '!**/activities/index'],
              message: 'workflows/ may import activity types only (import type from activities/index).',
              allowTypeImports: true,
            },
            {
              group: ['**/prisma/generated/**', '**/server/**'],
              message: 'workflows/ must not import the server or Prisma.',
            },
          ],
        },
      ],
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
