// The examples' own test run, outside Nx: `npx jest -c examples/jest.config.cjs` from the root.
module.exports = require('../jest.preset.cjs')(__dirname);
