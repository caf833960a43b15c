#!/usr/bin/env node
// The `authql` command: the compiled CLI in dist/ (npm ci and npm pack build it; so does npm run build).
let cli;
try {
  cli = require('../dist/cli.cjs');
} catch (error) {
  if (error.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.cjs')) throw error;
  process.stderr.write('authql: dist/ is missing in this checkout: run "npm run build" first.\n');
  process.exit(1);
}
cli.main(process.argv.slice(2)).then((code) => {
  // serve and mail-worker keep running; everything else exits with its code.
  if (!['serve', 'mail-worker'].includes(process.argv[2]) || code !== 0) process.exit(code);
});
