// Liveness and readiness as an orchestrator sees them: /health answers while the process does;
// /ready answers 503 within 2 s of the database going away and 200 once it is back, and 503
// while this instance's mail worker is stopped. Also through auth.plugins() in a host's Yoga.
// Uses its own FerretDB, so that stopping it does not disturb the other test files.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import { serverOnOwnDatabase } from './helpers/own-database';
import { startTestServer } from './helpers/server';
import { mailerOf } from '../src/auth';

jest.setTimeout(90_000);

const own = serverOnOwnDatabase();

async function probe(base: string, path: '/health' | '/ready') {
  const started = Date.now();
  const response = await fetch(new URL(path, base));
  return { status: response.status, body: (await response.json()) as Record<string, any>, elapsed: Date.now() - started, headers: response.headers };
}

async function waitForReady(base: string, status: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await probe(base, '/ready');
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('while the database is down the instance stays alive but not ready, and it is ready again once the database is back', async () => {
  const base = own.server.url;
  const health = await probe(base, '/health');
  expect(health).toMatchObject({ status: 200, body: { status: 'alive' } });
  expect(health.headers.get('content-type')).toMatch(/application\/json/);
  const ready = await probe(base, '/ready');
  expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'up', mailWorker: 'running' } } });
  expect(ready.headers.get('cache-control')).toBe('no-store');

  await own.database.stop();
  const wentAway = Date.now();

  const down = await probe(base, '/ready');
  expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { database: 'down' } } });
  expect(Date.now() - wentAway).toBeLessThan(2000);
  // Asked again, still quick; and the process itself is alive all along.
  expect((await probe(base, '/ready')).elapsed).toBeLessThan(2000);
  expect((await probe(base, '/health')).status).toBe(200);

  await own.database.start();
  const back = await waitForReady(base, 200, 20_000);
  expect(back).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'up' } } });
});

test('an instance whose mail worker is stopped is not ready until it runs again', async () => {
  const base = own.server.url;
  await waitForReady(base, 200, 20_000);
  await mailerOf(own.server.auth).stop();
  expect(await probe(base, '/ready')).toMatchObject({ status: 503, body: { checks: { database: 'up', mailWorker: 'stopped' } } });
  mailerOf(own.server.auth).start();
  expect(await probe(base, '/ready')).toMatchObject({ status: 200, body: { checks: { mailWorker: 'running' } } });
});

test('an instance that leaves delivery to a mail-worker is ready with the database alone', async () => {
  const apiOnly = await startTestServer({ email: { worker: false } }, { mongodbUri: own.database.uri });
  try {
    const ready = await probe(apiOnly.url, '/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(ready.body.checks).toEqual({ database: 'up' });
  } finally {
    await apiOnly.close();
  }
});

test("a host's own Yoga server gets /health and /ready through auth.plugins()", async () => {
  const { auth } = own.server;
  // Yoga answers /health itself with an empty 200 unless its own check moves aside.
  const yoga = createYoga({ schema: auth.schema, plugins: auth.plugins(), context: (initial) => auth.context(initial), logging: false, healthCheckEndpoint: '/yoga-health' });
  const http: Server = createServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  try {
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    expect(await probe(base, '/health')).toMatchObject({ status: 200, body: { status: 'alive' } });
    expect(await probe(base, '/ready')).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'up' } } });
  } finally {
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }
});
