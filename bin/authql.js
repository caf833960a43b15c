#!/usr/bin/env node
// The `authql` command: the compiled CLI in dist/ (npm ci and npm pack build it; so does npm run build),
// loaded through dist/launch.cjs so that V8's code cache spares each start compiling it again.
const path = require('node:path');
let cli;
try {
  cli = require('../dist/launch.cjs').loadCompiled(path.join(__dirname, '..', 'dist', 'cli.cjs'));
} catch (error) {
  if (error.code !== 'MODULE_NOT_FOUND' && error.code !== 'ENOENT') throw error;
  process.stderr.write('authql: dist/ is missing in this checkout: run "npm run build" first.\n');
  process.exit(1);
}
cli.main(process.argv.slice(2)).then((code) => {
  // serve and mail-worker keep running; everything else exits with its code.
  if (!['serve', 'mail-worker'].includes(process.argv[2]) || code !== 0) process.exit(code);
});
