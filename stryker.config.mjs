// Mutation testing of the engine (src/wix, src/upload: the code without a vscode import). Run: npm run test:mutation
// Stryker mutates the TypeScript sources in a sandbox copy, `tsc` compiles the instrumented copy once into out/,
// and the mocha runner runs the compiled unit tests there; per-test coverage runs only the tests that reach a mutant.
// While working on one file:  npx stryker run --mutate src/wix/redact.ts
// and, to run fewer test files: STRYKER_SPEC=out/test/unit/wix-redact.test.js npx stryker run --mutate src/wix/redact.ts
const reportDir = process.env.STRYKER_REPORT_DIR ?? 'reports/mutation';
const spec = process.env.STRYKER_SPEC ? process.env.STRYKER_SPEC.split(',') : ['out/test/unit/**/*.test.js'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  coverageAnalysis: 'perTest',
  mutate: ['src/wix/**/*.ts', 'src/upload/**/*.ts'],
  buildCommand: 'npx tsc -p tsconfig.test.json',
  mochaOptions: { spec, config: '.mocharc.json' },
  // The sandbox is a copy of the project: leave out what the unit tests never read (test/e2e/node_modules is large).
  ignorePatterns: [
    'out', 'dist', '.ci', 'reports', '*.vsix', 'media', 'test/e2e', 'test/suite', 'test/bench/.work', '.emulator-data', '.stryker-tmp*',
  ],
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10000,
  timeoutFactor: 2,
  thresholds: { high: 90, low: 85, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reportDir}/mutation.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  tempDirName: process.env.STRYKER_TMP_DIR ?? '.stryker-tmp',
  cleanTempDir: true,
};
