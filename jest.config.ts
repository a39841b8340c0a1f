import type { Config } from 'jest';

// Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles
// (isolatedModules) so the suite does not type-check every file once per test file.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  // Worker threads and child processes must never outlive a test; a generous default
  // timeout keeps a real deadlock from hanging CI while scenario deadlines do the real work.
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
