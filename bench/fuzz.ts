// The hostile-input fuzzer, longer than CI's run: for when the parser, the HTTP layer or the
// limits change. Generated malformed and forged requests against a production server and a
// production server in cookie mode (test/helpers/hostile-fuzz.ts holds the generators and
// the properties); stops at the first bad answer with the request that caused it.
//
//   npm run fuzz                          (20,000 requests per server, a random seed)
//   FUZZ_RUNS=100000 FUZZ_SEED=42 npm run fuzz
//   npm run fuzz -- --runs 5000 --seed 42
//
// The database is found as `npm start` finds it: MONGODB_URI, else ferretdb on PATH, else
// mongodb-memory-server.
import { parseArgs } from 'node:util';
import { createKeeper, fuzzServer, keeperIdentity } from '../test/helpers/hostile-fuzz';
import { runBench, startBenchServer } from './harness';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const RUNS = Number(values.runs ?? process.env.FUZZ_RUNS ?? 20_000);
const SEED = Number(values.seed ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PRODUCTION = { production: true, frontend: { domain: 'app.example.test', siteName: 'Example' }, rateLimits: false } as const;

runBench(async () => {
  console.log(`[fuzz] ${RUNS} requests per server, seed ${SEED} (repeat a run with FUZZ_SEED=${SEED})`);
  for (const [label, options] of [
    ['production', PRODUCTION],
    ['production, cookie mode', { ...PRODUCTION, cookies: { enabled: true } }],
  ] as const) {
    const server = await startBenchServer(options);
    try {
      const cookieName = server.auth.config.cookies.enabled ? server.auth.config.cookies.name : null;
      const keeper = await createKeeper(server.url, cookieName);
      const started = Date.now();
      const report = await fuzzServer({ url: server.url, keeper, cookieName }, { numRuns: RUNS, seed: SEED });
      const after = await keeperIdentity(server.url, keeper);
      if (after.token !== keeper.id || after.jwt !== keeper.id) throw new Error(`the keeper's session no longer answers me: ${JSON.stringify(after)}`);
      const statuses = Object.entries(report.statuses).map(([status, n]) => `${status}: ${n}`).join(', ');
      console.log(`[fuzz] ${label}: ${report.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, none bad (${statuses}); the keeper still answers me`);
    } finally {
      await server.close();
    }
  }
});
