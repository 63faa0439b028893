// Jest in ESM mode (Probot 14 is ESM-only); TypeScript is stripped by SWC, type-checked by `tsc` separately.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // test/e2e runs the built server: its files refuse to start when lib/ is older than src/.
  // Every fast-check property is bounded in time (test/support/bounded-properties.ts).
  setupFilesAfterEnv: [
    '<rootDir>/test/e2e/support/require-fresh-build.ts',
    '<rootDir>/test/support/bounded-properties.ts',
  ],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 30000,
};
