// Tests of the workspace itself: the demo behind `npm start` and the programs in examples/ run in
// the suite against the emulator, so neither they nor the README quoting them can rot.
const path = require('node:path');

const root = path.join(__dirname, '..');
const base = require('../jest.preset.cjs')(root);

module.exports = {
  ...base,
  displayName: 'workspace',
  rootDir: root,
  roots: ['<rootDir>/tools', '<rootDir>/examples'],
  testMatch: ['<rootDir>/tools/**/*.spec.ts', '<rootDir>/examples/**/*.spec.ts'],
  // The demo and the examples are programs, run whole by their tests; coverage is the packages'.
  collectCoverage: false,
};
