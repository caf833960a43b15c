// `npm run bench` (issue #13): authql's throughput, latency, memory and start time against
// a bare graphql-yoga server on the same Node, measured in one run with one load generator
// (autocannon, 16 connections), in rounds whose order rotates so that drift hits every kind
// alike. Every response body is checked: a wrong one (or an error) fails the run with exit 1,
// so that a fast error never counts as speed. Targets that do not hold are printed, not fatal.
//
//   npm run bench                        (3 rounds of 8 s per kind)
//   BENCH_ROUNDS=5 BENCH_SECONDS=10 npm run bench
//
// authql runs as the built package (npm run build; node bin/authql.js) with NODE_ENV=production, on the
// database `npm start` would find (MONGODB_URI, else FerretDB on PATH, else mongodb-memory-server).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { parseConfig } from '../src/config';
import { MAX_CONCURRENT_HASHES } from '../src/crypto/password';
import { findDatabase } from '../src/cli/embedded-db';
import { printTable, stats } from './harness';
import { ROOT, argon2Limit, build, cpuMs, post, processTree, rssMb, startServer, type Server } from './processes';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;
const PASSWORD = 'correct horse battery staple';
const ME = '{ me { id email } }';
const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }';
const JWT_CREATE = 'mutation Jwt($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }';
const HASHING = parseConfig({ mongodb: { uri: 'mongodb://unused' }, secret: 'unused' }).passwordHashing;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Wrong bodies, non-2xx answers, connection errors and timeouts. */
  failures: number;
  /** Server CPU time per request, µs. */
  cpuUs: number;
}

/** Drives `server` with one request body; every answer must pass `verify`. */
async function load(
  server: Server,
  request: { body: string; authorization?: string; verify: (body: string) => boolean },
  options: { seconds?: number; amount?: number; connections?: number; rate?: number } = {},
): Promise<Load> {
  const pids = processTree(server.process.pid!);
  const cpuBefore = cpuMs(pids);
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(request.authorization ? { authorization: request.authorization } : {}) },
    body: request.body,
    connections: options.connections ?? CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
    ...(options.rate ? { overallRate: options.rate } : {}),
    verifyBody: (body) => request.verify(String(body)),
    timeout: 10,
  });
  const requests = result.requests.total;
  return {
    rps: requests / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    failures: result.mismatches + result.non2xx + result.errors + result.timeouts,
    cpuUs: requests ? ((cpuMs(pids) - cpuBefore) * 1000) / requests : NaN,
  };
}

const median = (values: number[]) => stats(values).median;
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

async function main(): Promise<void> {
  console.log(`[bench] ${new Date().toISOString()}; ${os.cpus().length} × ${os.cpus()[0]?.model}; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('[bench] npm run build …');
  build();
  const database = await findDatabase(process.env);
  console.log(`[bench] ${database.description}`);
  const dbName = `authql_bench_${randomBytes(4).toString('hex')}`;
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'authql-bench-'));
  const configFile = path.join(configDir, 'authql.json');
  // Production, with the request limits off: the login storm comes from one address.
  writeFileSync(configFile, JSON.stringify({ mongodb: { dbName }, frontend: { domain: 'bench.example.com', siteName: 'bench' }, rateLimits: false }));
  const authqlEnv = {
    NODE_ENV: 'production',
    MONGODB_URI: database.uri,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    SMTP_URL: 'smtp://127.0.0.1:9', // nothing in the bench sends email
  };
  const cli = [path.join(ROOT, 'bin', 'authql.js'), 'serve', '--config', configFile];
  const answersMe = async (url: string) => JSON.stringify((await post(url, '{ me { id } }')).body) === '{"data":{"me":null}}';
  const servers: Server[] = [];
  let failures = 0;
  const check = (label: string, result: Load) => {
    if (result.failures) console.error(`[bench] ${label}: ${result.failures} wrong or failed answers`);
    failures += result.failures;
    return result;
  };

  try {
    const bare = (await startServer('bare Yoga', [path.join(__dirname, 'bare-yoga.js')], {}, async (url) => (await post(url, '{ ok }')).body?.data?.ok === true)).server;
    servers.push(bare);
    const single = (await startServer('authql', cli, authqlEnv, answersMe)).server;
    servers.push(single);
    const workers = (await startServer('authql --workers 2', [...cli, '--workers', '2'], authqlEnv, answersMe)).server;
    servers.push(workers);

    // One account for `me`, one for the login storm (a login changes its user, which the cache forgets).
    const users: Record<string, { id: string; email: string }> = {};
    for (const name of ['me', 'login']) {
      const email = `bench-${name}@example.com`;
      const registered = await post(single.url, 'mutation R($input: RegisterInput!) { register(input: $input) { ... on RegisterSuccess { user { id } } } }', { input: { email, password: PASSWORD } });
      const id = registered.body.data?.register?.user?.id;
      if (!id) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
      users[name] = { id, email };
    }
    const credentials = { email: users.me.email, password: PASSWORD };
    const sessionToken: string = (await post(single.url, LOGIN, { input: credentials })).body.data.login.token;
    const freshAccessToken = async () => (await post(single.url, JWT_CREATE, { input: credentials })).body.data.jwtCreate.access as string;
    const meBody = JSON.stringify({ data: { me: { id: users.me.id, email: users.me.email } } });
    const me = (authorization: string) => ({ body: JSON.stringify({ query: ME }), authorization, verify: (body: string) => body === meBody });
    const ok = { body: JSON.stringify({ query: '{ ok }' }), verify: (body: string) => body === '{"data":{"ok":true}}' };
    const loginRequest = {
      body: JSON.stringify({ query: LOGIN, variables: { input: { email: users.login.email, password: PASSWORD } } }),
      verify: (body: string) => body.startsWith('{"data":{"login":{"__typename":"LoginSuccess","token":"'),
    };

    // Memory: a fresh server that has logged some people in (their hashes leave memory behind),
    // then serves 100k `me`: as `authql serve` starts it (a launcher process and the server it
    // starts with the malloc setting, both counted), and as one process with the setting given.
    const rssOf = (server: Server) => processTree(server.process.pid!).reduce((sum, pid) => sum + rssMb(pid), 0);
    const memory = async (label: string, env: NodeJS.ProcessEnv) => {
      const { server } = await startServer(label, cli, { ...authqlEnv, ...env }, answersMe);
      try {
        check(`${label}: logins`, await load(server, loginRequest, { amount: 20, connections: 4 }));
        const rss = [rssOf(server)];
        for (let half = 0; half < 2; half += 1) {
          check(`${label}: me`, await load(server, me(`Token ${sessionToken}`), { amount: 50_000 }));
          rss.push(rssOf(server));
        }
        console.log(`[bench] RSS ${label}: ${rss.map((mb) => fixed(mb)).join(' → ')} MB (start, 50k, 100k \`me\`)`);
        return { at50k: rss[1], at100k: rss[2] };
      } finally {
        await server.stop();
      }
    };
    const rssPlain = await memory('authql', {});
    const rssTuned = await memory('authql, one process, MALLOC_MMAP_THRESHOLD_=131072 given', { MALLOC_MMAP_THRESHOLD_: '131072' });

    // Throughput rounds; warm each kind once first.
    type Kind = 'bare' | 'session' | 'jwt' | 'session2' | 'jwt2';
    const kinds: Kind[] = ['bare', 'session', 'jwt', 'session2', 'jwt2'];
    const run = async (kind: Kind, seconds: number): Promise<Load> => {
      // A fresh access token per run: the default one lives 5 minutes.
      if (kind === 'bare') return load(bare, ok, { seconds });
      if (kind === 'session') return load(single, me(`Token ${sessionToken}`), { seconds });
      if (kind === 'session2') return load(workers, me(`Token ${sessionToken}`), { seconds });
      return load(kind === 'jwt' ? single : workers, me(`Bearer ${await freshAccessToken()}`), { seconds });
    };
    for (const kind of kinds) check(`${kind} warm-up`, await run(kind, 2));
    const results: Record<Kind, Load[]> = { bare: [], session: [], jwt: [], session2: [], jwt2: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let k = 0; k < kinds.length; k += 1) {
        const kind = kinds[(round + k) % kinds.length];
        results[kind].push(check(kind, await run(kind, SECONDS)));
      }
      console.log(`[bench] round ${round + 1}/${ROUNDS}: ${kinds.map((k) => `${k} ${fixed(results[k][round].rps)}/s`).join(', ')}`);
    }
    // Ratios per round (same round, same drift), then their median.
    const ratio = (a: Kind, b: Kind) => median(results[a].map((r, i) => r.rps / results[b][i].rps));

    // Logins against the machine's argon2 limit, alternating.
    const limits: number[] = [];
    const logins: Load[] = [];
    for (let round = 0; round < 2; round += 1) {
      limits.push(argon2Limit(HASHING, Number(process.env.UV_THREADPOOL_SIZE) || 4, SECONDS));
      logins.push(check('login', await load(single, loginRequest, { seconds: SECONDS })));
    }
    const loginRatio = median(logins.map((l, i) => l.rps / limits[i]));

    // `me` at a steady rate while a login storm saturates the CPUs.
    const [stormMe, storm] = await Promise.all([
      load(single, me(`Token ${sessionToken}`), { seconds: SECONDS, connections: 4, rate: 200 }),
      load(single, loginRequest, { seconds: SECONDS + 1, connections: CONNECTIONS }),
    ]);
    check('me during the login storm', stormMe);
    check('login storm', storm);

    // Start to first answer of a fresh process (compiled build, MONGODB_URI given), median of
    // three, with the code cache the earlier servers left; and the first start after an install,
    // with an empty cache directory.
    const starts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { server, startMs } = await startServer('authql (start)', cli, authqlEnv, answersMe);
      starts.push(startMs);
      await server.stop();
    }
    const emptyCache = mkdtempSync(path.join(os.tmpdir(), 'authql-bench-cache-'));
    const { server: coldServer, startMs: coldStartMs } = await startServer('authql (first start)', cli, { ...authqlEnv, AUTHQL_CACHE_DIR: emptyCache }, answersMe);
    await coldServer.stop();
    rmSync(emptyCache, { recursive: true, force: true });

    const summary = (label: string, runs: Load[]) => {
      const row = (pick: (l: Load) => number, digits = 0) => fixed(median(runs.map(pick)), digits);
      return [label, row((l) => l.rps), row((l) => l.p50, 1), row((l) => l.p99, 1), row((l) => l.cpuUs), String(runs.reduce((n, l) => n + l.failures, 0))];
    };
    const verdict = (holds: boolean) => (holds ? 'yes' : 'NO');
    const sessionRatio = ratio('session', 'bare');
    const jwtRatio = ratio('jwt', 'bare');
    const workersRatio = ratio('session2', 'session');
    const workersJwtRatio = ratio('jwt2', 'jwt');
    const startMs = median(starts);
    const limit = median(limits);
    console.log('');
    console.log(`${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections (autocannon); medians over rounds; ratios per round, then their median`);
    printTable(
      ['', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'failed', 'measure', 'target', 'holds'],
      [
        [...summary('bare Yoga `{ ok }`', results.bare), '', '', ''],
        [...summary('`me`, session token, 1 process', results.session), `${sessionRatio.toFixed(2)}× bare`, '≥ 0.70×', verdict(sessionRatio >= 0.7)],
        [...summary('`me`, JWT, 1 process', results.jwt), `${jwtRatio.toFixed(2)}× bare`, '≥ 0.85×', verdict(jwtRatio >= 0.85)],
        [...summary('`me`, session token, --workers 2', results.session2), `${workersRatio.toFixed(2)}× 1 process`, '≥ 1.5×', verdict(workersRatio >= 1.5)],
        [...summary('`me`, JWT, --workers 2', results.jwt2), `${workersJwtRatio.toFixed(2)}× 1 process`, '', ''],
        [`argon2 limit (m=${HASHING.memoryCost} t=${HASHING.timeCost} p=${HASHING.parallelism})`, fixed(limit, 1), '', '', '', '', 'hashes/s', '', ''],
        [...summary('login, correct password, 1 process', logins).map((c, i) => (i === 1 ? fixed(median(logins.map((l) => l.rps)), 1) : c)), `${(loginRatio * 100).toFixed(0)}% of limit`, '≥ 90%', verdict(loginRatio >= 0.9)],
        [...summary('`me` at 200/s during a login storm', [stormMe]), `p99 ${fixed(stormMe.p99, 1)} ms`, '< 50 ms', verdict(stormMe.p99 < 50)],
        [...summary('the login storm itself', [storm]).map((c, i) => (i === 1 ? fixed(storm.rps, 1) : c)), '', '', ''],
        ...[
          ['RSS after 50k / 100k `me` (launcher + server)', rssPlain],
          ['… one process, MALLOC_MMAP_THRESHOLD_ given', rssTuned],
        ].map(([label, rss]) => {
          const { at50k, at100k } = rss as { at50k: number; at100k: number };
          return [label as string, '', '', '', '', '', `${fixed(at50k)} / ${fixed(at100k)} MB`, '< 200 MB, no growth', verdict(at100k < 200 && at100k <= at50k + 5)];
        }),
        ['start to first answer', '', '', '', '', '', `${fixed(startMs)} ms`, '< 1000 ms', verdict(startMs < 1000)],
        ['… first start after install (no code cache yet)', '', '', '', '', '', `${fixed(coldStartMs)} ms`, '', ''],
      ],
    );
    console.log(`\n(hashes at once per process: ${MAX_CONCURRENT_HASHES}; "no growth" allows 5 MB; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  } finally {
    for (const server of servers) await server.stop();
    rmSync(configDir, { recursive: true, force: true });
    if (database.source === 'MONGODB_URI') {
      const connection = await mongoose.createConnection(database.uri, { dbName }).asPromise();
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
    await database.stop();
  }
  if (failures) {
    console.error(`[bench] FAILED: ${failures} requests answered a wrong body or failed`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
