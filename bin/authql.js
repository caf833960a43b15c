#!/usr/bin/env node
// The `authql` command: the compiled CLI in dist/ (npm ci and npm pack build it; so does npm run build),
// loaded through dist/launch.cjs so that V8's code cache spares each start compiling it again.
const path = require('node:path');

const args = process.argv.slice(2);
const LAUNCHED = 'AUTHQL_LAUNCHED_BY_BIN';

/**
 * `serve` on Linux runs in a child process started with MALLOC_MMAP_THRESHOLD_ set: glibc's
 * malloc otherwise keeps each argon2 hash's 19 MiB block, per thread that hashed, for good
 * (about 90 MB more RSS). The variable is read when a process starts, hence the child; this
 * process only passes signals on and exits with the child's code. It costs each hash a fresh
 * block (page faults: about a fifth more CPU per login). Setting MALLOC_MMAP_THRESHOLD_ or
 * MALLOC_ARENA_MAX yourself runs one process; `--workers N` sets it for its workers already.
 */
function servesThroughChild() {
  if (args[0] !== 'serve' || process.platform !== 'linux') return false;
  if (process.env.MALLOC_MMAP_THRESHOLD_ !== undefined || process.env.MALLOC_ARENA_MAX !== undefined || process.env[LAUNCHED]) return false;
  const at = args.findIndex((arg) => arg === '--workers' || arg.startsWith('--workers='));
  const workers = at === -1 ? '1' : args[at].startsWith('--workers=') ? args[at].slice('--workers='.length) : args[at + 1];
  return workers === '1';
}

if (servesThroughChild()) {
  const { spawn } = require('node:child_process');
  const { constants } = require('node:os');
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '131072', [LAUNCHED]: '1' },
  });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
} else {
  // Launched by the process above: when that one is killed outright, stop as if told to.
  if (process.env[LAUNCHED] && process.channel) {
    process.channel.unref();
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  // Collect when the old generation is 20% above the live data rather than up to 4 times it: a
  // steady RSS under load for about 1% more CPU. Set before the bundle is compiled, and for every
  // command: V8 accepts a code cache only under the flags it was made with.
  require('node:v8').setFlagsFromString('--heap-growing-percent=20');
  let cli;
  try {
    cli = require('../dist/launch.cjs').loadCompiled(path.join(__dirname, '..', 'dist', 'cli.cjs'));
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND' && error.code !== 'ENOENT') throw error;
    process.stderr.write('authql: dist/ is missing in this checkout: run "npm run build" first.\n');
    process.exit(1);
  }
  cli.main(args).then((code) => {
    // serve and mail-worker keep running; everything else exits with its code.
    if (!['serve', 'mail-worker'].includes(args[0]) || code !== 0) process.exit(code);
  });
}
