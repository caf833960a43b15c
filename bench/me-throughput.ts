// `me` throughput (SPEC §7): what authenticating a request costs with a session token
// (one hashed-token lookup, then the user) versus a JWT access token (a signature check,
// then the user). Real HTTP against a real authql server and database; a fixed number of
// `me` requests at a fixed concurrency for each kind; prints requests/s, median and p90.
//
//   npm run bench:me              (N=2000 per kind, concurrency 8)
//   BENCH_N=5000 BENCH_CONCURRENCY=16 npm run bench:me
//
// The database is found as `npm start` finds it: MONGODB_URI, else ferretdb on PATH, else
// mongodb-memory-server.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { createAuth } from '../src/auth';
import { findDatabase } from '../src/embedded-db';
import { startServer } from '../src/server';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 100;
const EMAIL = 'bench.me@example.com';
const PASSWORD = 'correct horse battery staple';
const ME = '{ me { id email } }';

interface Kind {
  label: string;
  authorization: string;
}

async function gql(url: string, query: string, variables?: Record<string, unknown>, authorization?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** One `me` request; throws unless it answers the bench user (a wrong answer must not count as fast). */
async function timedMe(url: string, kind: Kind, userId: string): Promise<number> {
  const body = JSON.stringify({ query: ME });
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: kind.authorization }, body });
  const json = (await response.json()) as { data?: { me?: { id: string } | null }; errors?: unknown };
  const elapsed = performance.now() - started;
  if (json.data?.me?.id !== userId) throw new Error(`${kind.label}: expected me.id ${userId}, got ${JSON.stringify(json)} (HTTP ${response.status})`);
  return elapsed;
}

/** `count` requests, `concurrency` in flight at a time; answers each latency and the wall time. */
async function run(url: string, kind: Kind, userId: string, count: number, concurrency: number): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      samples.push(await timedMe(url, kind, userId));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, wallMs: performance.now() - started };
}

function quantile(sorted: number[], q: number): number {
  // nearest-rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function printTable(rows: { label: string; samples: number[]; wallMs: number }[]): void {
  const header = ['credential', 'n', 'requests/s', 'median ms', 'p90 ms', 'p99 ms', 'max ms'];
  const lines = rows.map(({ label, samples, wallMs }) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return [
      label,
      String(sorted.length),
      ((sorted.length / wallMs) * 1000).toFixed(0),
      quantile(sorted, 0.5).toFixed(2),
      quantile(sorted, 0.9).toFixed(2),
      quantile(sorted, 0.99).toFixed(2),
      sorted[sorted.length - 1].toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const database = await findDatabase(process.env);
  console.log(`[bench] ${database.description}`);
  const dbName = `authql_bench_${randomBytes(4).toString('hex')}`;
  const auth = await createAuth({
    mongodb: { uri: database.uri, dbName },
    secret: randomBytes(32).toString('base64url'),
    email: { transport: { jsonTransport: true } },
    logger: { info: () => undefined, warn: () => undefined, error: (m, f) => console.error(m, f) },
  });
  const running = await startServer(auth, { port: 0 });
  try {
    console.log(`[bench] ${running.url}; N=${N} \`me\` requests per credential, concurrency ${CONCURRENCY}, after ${WARMUP} warm-up requests each`);
    const registered = await gql(running.url, 'mutation($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }', {
      input: { email: EMAIL, password: PASSWORD },
    });
    const userId: string | undefined = registered.data?.register?.user?.id;
    if (!userId) throw new Error(`register failed: ${JSON.stringify(registered)}`);
    const loggedIn = await gql(running.url, 'mutation($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }', {
      input: { email: EMAIL, password: PASSWORD },
    });
    const sessionToken: string | undefined = loggedIn.data?.login?.token;
    if (!sessionToken) throw new Error(`login failed: ${JSON.stringify(loggedIn)}`);
    const created = await gql(running.url, 'mutation($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }', {
      input: { email: EMAIL, password: PASSWORD },
    });
    const access: string | undefined = created.data?.jwtCreate?.access;
    if (!access) throw new Error(`jwtCreate failed: ${JSON.stringify(created)}`);

    const kinds: Kind[] = [
      { label: 'session token', authorization: `Token ${sessionToken}` },
      { label: 'JWT access token', authorization: `Bearer ${access}` },
    ];
    for (const kind of kinds) await run(running.url, kind, userId, WARMUP, CONCURRENCY);
    const rows = [];
    // The default access token lives 5 minutes: plenty for the default N.
    for (const kind of kinds) rows.push({ label: kind.label, ...(await run(running.url, kind, userId, N, CONCURRENCY)) });
    console.log('');
    printTable(rows);
  } finally {
    await running.close();
    await auth.close();
    const connection = await mongoose.createConnection(database.uri, { dbName }).asPromise();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
