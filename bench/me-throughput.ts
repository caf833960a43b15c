// `me` throughput: what authenticating a request costs with a session token
// (one hashed-token lookup, then the user) versus a JWT access token (a signature check,
// then the user). Real HTTP against a real authql server and database; a fixed number of
// `me` requests at a fixed concurrency for each kind; prints requests/s, median and p90.
//
//   npm run bench:me              (N=2000 per kind, concurrency 8)
//   BENCH_N=5000 BENCH_CONCURRENCY=16 npm run bench:me
//
// The database is found as `npm start` finds it: MONGODB_URI, else ferretdb on PATH, else
// mongodb-memory-server.
import { performance } from 'node:perf_hooks';
import { benchN, gql, PASSWORD, printTable, register, runBench, startBenchServer, stats, timedGql } from './harness';

const N = benchN(2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 100;
const EMAIL = 'bench.me@example.com';
const ME = '{ me { id email } }';

interface Kind {
  label: string;
  authorization: string;
}

/** Logs in with `mutation` (login or jwtCreate) and answers the credential in its `field`. */
async function credential(url: string, mutation: 'login' | 'jwtCreate', field: 'token' | 'access'): Promise<string> {
  const input = mutation === 'login' ? 'LoginInput' : 'JwtCreateInput';
  const success = mutation === 'login' ? 'LoginSuccess' : 'JwtCreateSuccess';
  const answer = await gql(url, `mutation($input: ${input}!) { ${mutation}(input: $input) { __typename ... on ${success} { ${field} } } }`, {
    input: { email: EMAIL, password: PASSWORD },
  });
  const value: string | undefined = answer.data?.[mutation]?.[field];
  if (!value) throw new Error(`${mutation} failed: ${JSON.stringify(answer)}`);
  return value;
}

/** One `me` request; throws unless it answers the bench user (a wrong answer must not count as fast). */
async function timedMe(url: string, kind: Kind, userId: string): Promise<number> {
  const { ms, json, status } = await timedGql(url, ME, undefined, kind.authorization);
  if (json.data?.me?.id !== userId) throw new Error(`${kind.label}: expected me.id ${userId}, got ${JSON.stringify(json)} (HTTP ${status})`);
  return ms;
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

async function main(): Promise<void> {
  const server = await startBenchServer();
  try {
    console.log(`[bench] ${server.url}; N=${N} \`me\` requests per credential, concurrency ${CONCURRENCY}, after ${WARMUP} warm-up requests each`);
    const userId = await register(server.url, EMAIL);
    const sessionToken = await credential(server.url, 'login', 'token');
    const access = await credential(server.url, 'jwtCreate', 'access');

    const kinds: Kind[] = [
      { label: 'session token', authorization: `Token ${sessionToken}` },
      { label: 'JWT access token', authorization: `Bearer ${access}` },
    ];
    for (const kind of kinds) await run(server.url, kind, userId, WARMUP, CONCURRENCY);
    const rows = [];
    // The default access token lives 5 minutes: plenty for the default N.
    for (const kind of kinds) rows.push({ label: kind.label, ...(await run(server.url, kind, userId, N, CONCURRENCY)) });
    console.log('');
    printTable(
      ['credential', 'n', 'requests/s', 'median ms', 'p90 ms', 'p99 ms', 'max ms'],
      rows.map(({ label, samples, wallMs }) => {
        const s = stats(samples);
        return [label, String(s.n), ((s.n / wallMs) * 1000).toFixed(0), s.median.toFixed(2), s.p90.toFixed(2), s.p99.toFixed(2), s.max.toFixed(2)];
      }),
    );
  } finally {
    await server.close();
  }
}

runBench(main);
