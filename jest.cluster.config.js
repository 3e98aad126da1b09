/**
 * `npm run test:cluster`: chaos tests on the production-shaped topology (scripts/cluster/topology.ts).
 * Each file starts its own cluster (real temporal-server on PostgreSQL, two workers, two servers),
 * so there is no globalSetup and one file runs at a time.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // The topology loads the infra scripts (ES modules) with import(): keep it a real dynamic import,
  // which jest serves natively under --experimental-vm-modules (set by `npm run test:cluster`).
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } },
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  roots: ['<rootDir>/tests/cluster'],
  testMatch: ['**/*.chaos.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 600_000,
  maxWorkers: 1,
};
