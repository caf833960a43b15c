// `npm ci && npm start` and `npm test` on a fresh machine of ours: no MONGODB_URI, no ferretdb on
// PATH, nothing in authql's cache, no way to download mongod — only Go. authql builds FerretDB
// 1.24.2 once into the per-user cache (jest's global setup goes through the same findDatabase),
// and every later start reuses it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findOnPath, freePort } from '../src/cli/embedded-db';
import { cliEnv, startCli, stopAllCli, waitFor, withDeadline, type CliProcess } from './helpers/cli';

// Building FerretDB with go takes a few minutes on two busy cores.
jest.setTimeout(15 * 60_000);

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

afterAll(async () => {
  await stopAllCli();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function meAnswer(port: number): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  return { status: response.status, body: await response.json() };
}

async function stop(serve: CliProcess): Promise<void> {
  serve.process.kill('SIGTERM');
  expect(await withDeadline(serve.exited, 15_000, 'shutting down after SIGTERM')).toEqual({ code: 0, signal: null });
}

test('with only go on a fresh machine, `authql serve` builds FerretDB 1.24.2 into the empty cache saying so in one line, serves, and the next start reuses it without building', async () => {
  const go = findOnPath('go');
  if (!go) throw new Error('this test needs go on PATH, as a fresh machine of ours has');
  const cache = tempDir('authql-cache-');
  const port = await freePort();
  const env = cliEnv({
    PATH: [path.dirname(go), path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    AUTHQL_CACHE_DIR: cache,
    // mongod can neither be downloaded nor found from an earlier download
    MONGOMS_DOWNLOAD_URL: 'http://127.0.0.1:9/none',
    MONGOMS_DOWNLOAD_DIR: tempDir('authql-no-mongod-'),
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  expect(findOnPath('ferretdb', env)).toBeNull();
  expect(readdirSync(cache)).toEqual([]);
  const binary = path.join(cache, 'ferretdb-v1.24.2', 'ferretdb');

  const first = startCli(['serve'], env);
  await waitFor('"serving" in the log', () => /serving/.test(first.stdout()), 12 * 60_000, first);
  // One progress line while it builds, naming the version and where it goes.
  expect(first.stderr().split('\n').filter((line) => /FerretDB/.test(line))).toEqual([
    `authql: building FerretDB v1.24.2 with go into ${path.dirname(binary)} (once; it takes a few minutes)`,
  ]);
  expect(first.stdout()).toContain(`database: FerretDB (${binary}) on 127.0.0.1:`);
  expect(execFileSync(binary, ['--version'], { encoding: 'utf8' })).toMatch(/^version: v1\.24\.2$/m);
  expect(await meAnswer(port)).toEqual({ status: 200, body: { data: { me: null } } });
  await stop(first);

  const second = startCli(['serve'], env);
  await waitFor('"serving" in the log', () => /serving/.test(second.stdout()), 60_000, second);
  expect(second.stderr()).not.toMatch(/building/);
  expect(second.stdout()).toContain(`database: FerretDB (${binary}) on 127.0.0.1:`);
  expect(await meAnswer(port)).toEqual({ status: 200, body: { data: { me: null } } });
  await stop(second);
  expect(readdirSync(path.dirname(binary))).toEqual(['ferretdb']);
});
