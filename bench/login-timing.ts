// Login timing (SPEC §6, §9): unknown user, wrong password and correct password should
// cost the same (an unknown user still costs one argon2id hash), so response times do
// not tell an attacker which emails have accounts. Measured over real HTTP against a real
// authql server and database; prints a table and the unknown/wrong-password ratio.
//
//   npm run bench:login            (N=40 per kind; BENCH_N=100 npm run bench:login for more)
//
// The database is found as `npm start` finds it: MONGODB_URI, else ferretdb on PATH, else
// mongodb-memory-server.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { createAuth } from '../src/auth';
import { findDatabase } from '../src/embedded-db';
import { startServer } from '../src/server';

const N = Number(process.env.BENCH_N ?? 40);
const WARMUP = 5;
const EMAIL = 'bench@example.com';
const PASSWORD = 'correct horse battery staple';

const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { __typename ... on Error { code } }
}`;

type Kind = 'unknown user' | 'wrong password' | 'correct password';
const EXPECTED: Record<Kind, string> = {
  'unknown user': 'AuthError',
  'wrong password': 'AuthError',
  'correct password': 'LoginSuccess',
};

function inputFor(kind: Kind, i: number): { email: string; password: string } {
  if (kind === 'unknown user') return { email: `nobody-${i}-${randomBytes(3).toString('hex')}@example.com`, password: PASSWORD };
  if (kind === 'wrong password') return { email: EMAIL, password: `${PASSWORD} ${i}` };
  return { email: EMAIL, password: PASSWORD };
}

async function timedLogin(url: string, kind: Kind, i: number): Promise<number> {
  const body = JSON.stringify({ query: LOGIN, variables: { input: inputFor(kind, i) } });
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await response.json()) as { data?: { login?: { __typename: string } }; errors?: unknown };
  const elapsed = performance.now() - started;
  const got = json.data?.login?.__typename;
  if (got !== EXPECTED[kind]) {
    throw new Error(`${kind}: expected ${EXPECTED[kind]}, got ${JSON.stringify(json)} (HTTP ${response.status}); is a rate limit on?`);
  }
  return elapsed;
}

function quantile(sorted: number[], q: number): number {
  // nearest-rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

interface Row { label: string; samples: number[] }

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

function printTable(rows: Row[]): void {
  const header = ['kind', 'n', 'median ms', 'p90 ms', 'min ms', 'max ms'];
  const lines = rows.map(({ label, samples }) => {
    const s = stats(samples);
    return [label, String(s.n), s.median.toFixed(1), s.p90.toFixed(1), s.min.toFixed(1), s.max.toFixed(1)];
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
    const hashing = auth.config.passwordHashing;
    console.log(`[bench] ${running.url}; argon2id m=${hashing.memoryCost} t=${hashing.timeCost} p=${hashing.parallelism}; N=${N} logins per kind, sequential`);
    const registered = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: RegisterInput!) { register(input: $input) { __typename } }',
        variables: { input: { email: EMAIL, password: PASSWORD } },
      }),
    }).then((r) => r.json() as Promise<{ data?: { register?: { __typename: string } } }>);
    if (registered.data?.register?.__typename !== 'RegisterSuccess') throw new Error(`register failed: ${JSON.stringify(registered)}`);

    const kinds: Kind[] = ['unknown user', 'wrong password', 'correct password'];
    for (const kind of kinds) for (let i = 0; i < WARMUP; i += 1) await timedLogin(running.url, kind, -1 - i);

    const blocks: Record<Kind, number[]> = { 'unknown user': [], 'wrong password': [], 'correct password': [] };
    for (const kind of kinds) for (let i = 0; i < N; i += 1) blocks[kind].push(await timedLogin(running.url, kind, i));

    const interleaved: Record<Kind, number[]> = { 'unknown user': [], 'wrong password': [], 'correct password': [] };
    const all: number[] = [];
    for (let i = 0; i < N; i += 1) {
      // rotate the order each round so no kind always follows the same one
      for (let k = 0; k < kinds.length; k += 1) {
        const kind = kinds[(i + k) % kinds.length];
        const ms = await timedLogin(running.url, kind, N + i);
        interleaved[kind].push(ms);
        all.push(ms);
      }
    }

    const rows: Row[] = [
      ...kinds.map((kind) => ({ label: kind, samples: blocks[kind] })),
      ...kinds.map((kind) => ({ label: `interleaved: ${kind}`, samples: interleaved[kind] })),
      { label: 'interleaved: all', samples: all },
    ];
    console.log('');
    printTable(rows);
    console.log('');
    const ratio = stats(blocks['unknown user']).median / stats(blocks['wrong password']).median;
    const ratioInterleaved = stats(interleaved['unknown user']).median / stats(interleaved['wrong password']).median;
    console.log(`median ratio unknown user / wrong password: ${ratio.toFixed(3)} (interleaved: ${ratioInterleaved.toFixed(3)})`);
  } finally {
    await running.close();
    const connection = await mongoose.createConnection(database.uri, { dbName }).asPromise();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await auth.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
