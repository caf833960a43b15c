// Start-up: how long `authql serve` takes from the process starting to its first GraphQL
// answer, and how much memory (RSS) it holds idle after that. Two ways of running it:
//   - from source with tsx, MJML compiled at start: how `npm start` ran before the build;
//   - the built package (`node bin/authql.js serve`, what `npm start` and `npx authql` run now),
//     with the default emails precompiled, so mjml is never loaded.
//
//   npm run build && npm run bench:startup     (N=5 starts each; BENCH_N=10 for more)
//   BENCH_BASELINE=/path/to/older/checkout npm run bench:startup   (adds that checkout, from source)
//
// The database is found as `npm start` finds it and given to every start as MONGODB_URI, so
// the figures are authql's own, not the embedded database's.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { findDatabase, freePort } from '../src/cli/embedded-db';
import { benchN, printTable, runBench, stats } from './harness';
import { processTree, rssMb } from './processes';

const ROOT = path.resolve(__dirname, '..');
const N = benchN(5);
const IDLE_MS = 5000;

const fromSource = (checkout: string) => ['--import', 'tsx', path.join(checkout, 'src', 'cli.ts'), 'serve'];
const WAYS: { label: string; args: string[] }[] = [
  // BENCH_BASELINE=<another checkout> adds that checkout run from source, e.g. an older commit.
  ...(process.env.BENCH_BASELINE ? [{ label: `from source in ${process.env.BENCH_BASELINE}`, args: fromSource(process.env.BENCH_BASELINE) }] : []),
  { label: 'from source with tsx (before)', args: fromSource(ROOT) },
  { label: 'built package (now)', args: [path.join(ROOT, 'bin', 'authql.js'), 'serve'] },
];

/** The resident memory of a process and its children (`serve`'s launcher and its server), from /proc (Linux). */
function rssMegabytes(pid: number): number {
  return processTree(pid).reduce((sum, each) => sum + rssMb(each), 0);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    return response.status === 200 && ((await response.json()) as { data?: unknown }).data !== undefined;
  } catch {
    return false;
  }
}

async function startOnce(args: string[], databaseUri: string): Promise<{ firstAnswerMs: number; idleRssMb: number }> {
  const port = await freePort();
  const uri = new URL(databaseUri);
  uri.pathname = `/authql_bench_${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, MONGODB_URI: uri.toString(), AUTH_SECRET: randomBytes(32).toString('base64url'), HOST: '127.0.0.1', PORT: String(port) };
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    while (!(await answers(url))) {
      if (child.exitCode !== null) throw new Error(`authql serve exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    const firstAnswerMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { firstAnswerMs, idleRssMb: rssMegabytes(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
    const connection = await mongoose.createConnection(uri.toString()).asPromise();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

runBench(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build first');
  const database = await findDatabase(process.env);
  console.log(`[bench] ${database.description}`);
  try {
    // Interleaved, so that other work on the machine weighs on every way alike.
    const runs = WAYS.map(() => [] as { firstAnswerMs: number; idleRssMb: number }[]);
    for (let i = 0; i < N; i += 1) {
      for (const [w, way] of WAYS.entries()) runs[w].push(await startOnce(way.args, database.uri));
    }
    const rows = WAYS.map((way, w) => {
      const time = stats(runs[w].map((r) => r.firstAnswerMs));
      const rss = stats(runs[w].map((r) => r.idleRssMb));
      return [way.label, String(N), (time.median / 1000).toFixed(2), `${(time.min / 1000).toFixed(2)}–${(time.max / 1000).toFixed(2)}`, rss.median.toFixed(0), `${rss.min.toFixed(0)}–${rss.max.toFixed(0)}`];
    });
    printTable(['authql serve', 'n', 'to first answer s (median)', 'range s', `idle RSS MB after ${IDLE_MS / 1000} s (median)`, 'range MB'], rows);
  } finally {
    await database.stop();
  }
});
