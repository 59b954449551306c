// Tests of the workspace tools themselves: the demo behind `npm start` runs in the suite, so it
// cannot rot.
const path = require('node:path');

const base = require('../jest.preset.cjs')(path.join(__dirname, '..'));

module.exports = {
  ...base,
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
