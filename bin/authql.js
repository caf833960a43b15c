#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx authql …` works without a build step.
require('tsx/cjs');
const { main } = require('../src/cli.ts');
main(process.argv.slice(2)).then((code) => {
  if (!['serve', 'mail-worker'].includes(process.argv[2]) || code !== 0) process.exit(code);
});
