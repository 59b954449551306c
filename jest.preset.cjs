// Shared Jest settings: tests run TypeScript through SWC and import sibling packages from source,
// so a change in one package is seen by its dependents without a build step.
const path = require('node:path');

const packagesDir = path.join(__dirname, 'packages');

// Each package's test target writes its Jest results here for the summary line of `npm test`.
require('node:fs').mkdirSync(path.join(__dirname, 'tmp', 'jest-results'), { recursive: true });

/** @param {string} projectDir @returns {import('jest').Config} */
module.exports = function jestConfigFor(projectDir) {
  const projectName = path.basename(projectDir);
  return {
    displayName: projectName,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: {
      '^@artemis/([a-z-]+)$': `${packagesDir}/$1/src/index.ts`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    // A package's tests must reach its code: below these shares of its source, the run fails.
    collectCoverage: true,
    collectCoverageFrom: ['<rootDir>/src/**/*.ts', '!<rootDir>/src/**/*.spec.ts'],
    coverageDirectory: path.join(__dirname, 'tmp', 'coverage', projectName),
    coverageReporters: ['text-summary', 'json-summary'],
    coverageThreshold: {
      global: { lines: 90, statements: 85, functions: 80, branches: 75 },
    },
    testTimeout: 30_000,
    // Network tests open real sockets; a leaked handle must fail loudly, not hang CI.
    detectOpenHandles: false,
    forceExit: false,
  };
};
